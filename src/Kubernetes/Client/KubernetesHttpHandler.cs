using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Kubernetes;

/// <summary>
/// The HTTP stack for one API server: TLS verification against the configured CA (or the
/// system's roots), verification off only when the kubeconfig asks for it, the client
/// certificate when there is one.
/// </summary>
internal static class KubernetesHttpHandler
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration config)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            // An abandoned watch never reaches its end: do not hold its connection open draining it.
            ResponseDrainTimeout = TimeSpan.FromMilliseconds(100),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            ServerCertificateValidation.IsTrusted(config, certificate as X509Certificate2, chain, errors);
        if (config.ProxyUrl is { } proxy)
        {
            handler.Proxy = new System.Net.WebProxy(proxy);
            handler.UseProxy = true;
        }
        if (config.ClientCertificate is not null)
            handler.SslOptions.ClientCertificates = [config.ClientCertificate];
        return handler;
    }
}

/// <summary>The decision whether to trust the server's certificate, kept apart from the socket plumbing.</summary>
internal static class ServerCertificateValidation
{
    public static bool IsTrusted(KubernetesClientConfiguration config, X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (config.SkipTlsVerify) return true;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        if (config.TlsServerName is { } serverName)
        {
            // The connection's host is not the certificate's name: check the configured name instead.
            if (!certificate.MatchesHostname(serverName)) return false;
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        if (config.CertificateAuthorities is not { Count: > 0 } authorities) return errors == SslPolicyErrors.None;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.Equals(certificate)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(certificate);
    }
}
