namespace Actors.Silo.Embedded;

/// <summary>
/// The embedded mode's folder (--state-dir, .actors by default): the kubeconfig of the
/// emulator and the API tokens. Secrets are written readable by the owner only.
/// </summary>
public sealed class StateDirectory
{
    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        DisplayPath = path;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>As the user gave it (relative stays relative), for the banner.</summary>
    public string DisplayPath { get; }

    public string Kubeconfig => Combine("kubeconfig");
    public string Token => Combine("token");
    public string ReadToken => Combine("read-token");

    public string Display(string file) => System.IO.Path.Combine(DisplayPath, System.IO.Path.GetFileName(file));

    public static void WriteSecret(string file, string content)
    {
        File.WriteAllText(file, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
