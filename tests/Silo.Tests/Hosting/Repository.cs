namespace Actors.Silo.Tests.Hosting;

/// <summary>Paths in the source tree and in the build output, found from the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>The silo as built alongside these tests (same configuration).</summary>
    public static string SiloDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var dll = Path.Combine(Root, "src", "Silo", "bin", configuration, framework.Name, "Actors.Silo.dll");
            Assert.True(System.IO.File.Exists(dll), $"The silo is not built at {dll}.");
            return dll;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Actors.sln above {AppContext.BaseDirectory}.");
    }
}
