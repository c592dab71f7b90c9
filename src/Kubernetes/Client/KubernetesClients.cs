using k8s;

namespace Actors.Kubernetes;

/// <summary>
/// Builds the official client for one API server with the operator's request policy in its
/// handler chain. Everything else — TLS, credentials, kubeconfig rules — is the library's.
/// </summary>
public static class KubernetesClients
{
    public static k8s.Kubernetes Create(KubernetesClientConfiguration configuration, ClientPolicy? policy = null)
    {
        policy ??= new ClientPolicy();
        configuration.UserAgent = policy.UserAgent;
        return new k8s.Kubernetes(configuration, new RequestPolicyHandler(policy, configuration.Host));
    }
}
