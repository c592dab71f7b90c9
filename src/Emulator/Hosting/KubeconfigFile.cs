using System.Text;

namespace Actors.Emulator.Hosting;

/// <summary>Writes a kubeconfig that points kubectl (or any client) at the emulator with its CA and admin token.</summary>
internal static class KubeconfigFile
{
    public static void Write(string path, string contextName, string serverUrl, string caPem, string token)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {contextName}
              cluster:
                server: {serverUrl}
                certificate-authority-data: {ca}
            users:
            - name: {contextName}
              user:
                token: {token}
            contexts:
            - name: {contextName}
              context:
                cluster: {contextName}
                user: {contextName}
                namespace: default
            current-context: {contextName}
            preferences: {"{}"}

            """;
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
