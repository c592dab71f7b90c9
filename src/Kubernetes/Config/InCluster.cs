using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace Actors.Kubernetes;

/// <summary>
/// The pod's service account as a client configuration: what the library's
/// <c>InClusterConfig()</c> builds, read from an injectable <see cref="InClusterEnvironment"/> so
/// tests can point it at a folder, and with errors that say which file is missing.
/// </summary>
public static class InCluster
{
    public static bool IsInCluster(InClusterEnvironment? environment = null)
    {
        var env = environment ?? InClusterEnvironment.Default;
        return !string.IsNullOrEmpty(env.Variable("KUBERNETES_SERVICE_HOST"))
            && !string.IsNullOrEmpty(env.Variable("KUBERNETES_SERVICE_PORT"))
            && File.Exists(env.TokenPath);
    }

    public static (KubernetesClientConfiguration Configuration, string Source) Load(InClusterEnvironment? environment = null)
    {
        var env = environment ?? InClusterEnvironment.Default;
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
        var configuration = new KubernetesClientConfiguration
        {
            Host = server.ToString(),
            SslCaCerts = authorities,
            // Re-read as the kubelet rotates the projected token.
            TokenProvider = new TokenFileAuth(env.TokenPath),
            Namespace = ns.Length > 0 ? ns : "default",
        };
        return (configuration, $"in-cluster service account ({env.TokenPath})");
    }
}
