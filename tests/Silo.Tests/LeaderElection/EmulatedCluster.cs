using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Actors.Emulator;
using Actors.Kubernetes;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>
/// An in-process API emulator and clients of it. Each client can be cut off from the API
/// server (<see cref="NetworkLink.Cut"/>), as a replica behind a network partition is.
/// </summary>
public sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly EmulatorFixture fixture;

    private EmulatedCluster(EmulatorFixture fixture) => this.fixture = fixture;

    public KubernetesEmulator Emulator => fixture.Emulator;

    public static async Task<EmulatedCluster> StartAsync(params string[] namespaces) =>
        new(await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = namespaces }));

    /// <summary>A client through the usual TLS stack (the configuration's own handler).</summary>
    public KubernetesClient Client() => fixture.Client();

    /// <summary>A client whose link to the API server the test can cut and restore.</summary>
    public KubernetesClient Client(out NetworkLink link)
    {
        var ca = Emulator.CaCertificate;
        var sockets = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        link = new NetworkLink(sockets);
        return fixture.Client(handler: link);
    }

    public ValueTask DisposeAsync() => fixture.DisposeAsync();
}

/// <summary>Passes requests through until cut; then every request fails like an unreachable host.</summary>
public sealed class NetworkLink(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private volatile bool cut;

    public void Cut() => cut = true;
    public void Restore() => cut = false;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        cut ? throw new HttpRequestException("network partition (test): the API server is unreachable") : base.SendAsync(request, cancellationToken);
}
