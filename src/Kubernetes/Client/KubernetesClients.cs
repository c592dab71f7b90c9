using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Actors.Kubernetes;

/// <summary>
/// Builds the official client for one API server with the operator's request policy in its
/// handler chain. Everything else — credentials, kubeconfig rules, HTTP — is the library's,
/// except server certificate checking (see <see cref="ServerCertificateValidation"/>).
/// </summary>
public static class KubernetesClients
{
    // The CA taken from a configuration, so that building a second client from it still verifies against it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KubernetesClientConfiguration, X509Certificate2Collection> Authorities = new();

    public static k8s.Kubernetes Create(KubernetesClientConfiguration configuration, ClientPolicy? policy = null, params DelegatingHandler[] handlers)
    {
        policy ??= new ClientPolicy();
        configuration.UserAgent = policy.UserAgent;
        if (!configuration.SkipTlsVerify) VerifyNamesToo(configuration);
        return new k8s.Kubernetes(configuration, [new RequestPolicyHandler(policy, configuration.Host), .. handlers]);
    }

    /// <summary>
    /// Takes the CA away from the library (which would install its own, name-blind check) and
    /// installs ours on the socket handler; whatever setup the configuration had still runs.
    /// </summary>
    private static void VerifyNamesToo(KubernetesClientConfiguration configuration)
    {
        if (Authorities.TryGetValue(configuration, out _)) return;
        var authorities = configuration.SslCaCerts ?? [];
        Authorities.AddOrUpdate(configuration, authorities);
        var serverName = string.IsNullOrWhiteSpace(configuration.TlsServerName) ? null : configuration.TlsServerName;
        var setup = configuration.FirstMessageHandlerSetup;
        configuration.SslCaCerts = null;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            setup?.Invoke(handler);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                ServerCertificateValidation.IsTrusted(authorities, serverName, certificate as X509Certificate2, chain, errors);
        };
    }
}
