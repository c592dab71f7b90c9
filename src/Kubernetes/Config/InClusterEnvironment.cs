namespace Actors.Kubernetes;

/// <summary>
/// Where a pod finds its service account and the API server. Injectable so tests can point it
/// at a temporary folder and fake environment variables.
/// </summary>
public sealed record InClusterEnvironment(
    string TokenPath,
    string CertificateAuthorityPath,
    string NamespacePath,
    Func<string, string?> Variable,
    TimeProvider? TimeProvider = null)
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static InClusterEnvironment Default { get; } = FromDirectory(ServiceAccountDirectory, Environment.GetEnvironmentVariable);

    public static InClusterEnvironment FromDirectory(string directory, Func<string, string?> variable, TimeProvider? timeProvider = null) =>
        new(Path.Combine(directory, "token"), Path.Combine(directory, "ca.crt"), Path.Combine(directory, "namespace"), variable, timeProvider);
}
