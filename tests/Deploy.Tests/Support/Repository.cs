namespace Actors.Deploy.Tests.Support;

/// <summary>Files of the repository the tests check, found from the test binary's folder upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")) && Directory.Exists(Path.Combine(dir.FullName, "deploy")))
                return dir.FullName;
        throw new InvalidOperationException($"No Actors.sln with a deploy/ folder above {AppContext.BaseDirectory}.");
    }
}
