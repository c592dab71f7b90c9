namespace Actors.Testing;

/// <summary>The repository the tests run from, found from the test binary's folder upwards, and what is built in it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path in the repository, given with forward slashes ("deploy/crd/kafkaclusters.yaml").</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The silo as built alongside these tests (same configuration and framework).</summary>
    public static string SiloDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(Root, "src", "Silo", "bin", framework.Parent!.Name, framework.Name, "Actors.Silo.dll");
            Assert.True(File.Exists(dll), $"The silo is not built at {dll}.");
            return dll;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")) && Directory.Exists(Path.Combine(dir.FullName, "deploy")))
                return dir.FullName;
        throw new InvalidOperationException($"No Actors.sln with a deploy/ folder above {AppContext.BaseDirectory}.");
    }
}
