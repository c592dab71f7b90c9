using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Kubernetes;

internal static class InClusterLoader
{
    public static bool IsInCluster(InClusterEnvironment env) =>
        !string.IsNullOrEmpty(env.Variable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(env.Variable("KUBERNETES_SERVICE_PORT"))
        && File.Exists(env.TokenPath);

    public static KubernetesClientConfiguration Load(InClusterEnvironment env)
    {
        var host = env.Variable("KUBERNETES_SERVICE_HOST");
        var port = env.Variable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubeConfigException("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set.");
        if (!File.Exists(env.TokenPath))
            throw new KubeConfigException($"Not running in a cluster: the service-account token '{env.TokenPath}' does not exist.");
        if (host.Contains(':') && !host.StartsWith('[')) host = $"[{host}]"; // IPv6 literal
        if (!Uri.TryCreate($"https://{host}:{port}", UriKind.Absolute, out var server))
            throw new KubeConfigException($"KUBERNETES_SERVICE_HOST '{host}' and KUBERNETES_SERVICE_PORT '{port}' do not make a URL.");

        X509Certificate2Collection authorities = [];
        try
        {
            authorities.ImportFromPemFile(env.CertificateAuthorityPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KubeConfigException($"Cannot read the cluster CA '{env.CertificateAuthorityPath}': {e.Message}", e);
        }
        if (authorities.Count == 0)
            throw new KubeConfigException($"The cluster CA '{env.CertificateAuthorityPath}' holds no PEM certificate.");

        var ns = File.Exists(env.NamespacePath) ? File.ReadAllText(env.NamespacePath).Trim() : "";
        return new KubernetesClientConfiguration
        {
            Server = server,
            CertificateAuthorities = authorities,
            Token = new FileTokenSource(env.TokenPath, env.TimeProvider),
            Namespace = ns.Length > 0 ? ns : "default",
            Source = $"in-cluster service account ({env.TokenPath})",
            TimeProvider = env.TimeProvider ?? TimeProvider.System,
        };
    }
}
