using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Kubernetes;

/// <summary>
/// Whether to trust the API server's certificate. The official client, given a CA, checks only
/// that the chain ends in it and lets a certificate issued for another host through; this also
/// checks the name (the URL's host, or tls-server-name when the kubeconfig sets one).
/// </summary>
internal static class ServerCertificateValidation
{
    public static bool IsTrusted(X509Certificate2Collection? authorities, string? tlsServerName, X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        if (tlsServerName is not null)
        {
            // The connection's host is not the certificate's name: check the configured name instead.
            if (!certificate.MatchesHostname(tlsServerName)) return false;
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        if (authorities is not { Count: > 0 }) return errors == SslPolicyErrors.None;

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
