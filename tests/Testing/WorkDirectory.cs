namespace Actors.Testing;

/// <summary>A temporary folder (a tool's HOME and cache, a kubeconfig), removed with the test.</summary>
public sealed class WorkDirectory(string prefix = "actors-tests-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
