namespace Actors.Deploy.Tests.Support;

/// <summary>A temporary folder for a tool's HOME and cache, removed with the test.</summary>
public sealed class WorkDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("deploy-tests-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
