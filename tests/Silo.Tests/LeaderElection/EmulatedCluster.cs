using Actors.Emulator;
using Actors.Kubernetes;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>
/// An in-process API emulator and official clients of it, built as the silo builds its own: from
/// the emulator's kubeconfig (its CA and admin token) through <see cref="Kubeconfig.Load"/>. Each
/// client can be cut off from the API server (<see cref="NetworkLink.Cut"/>), as a replica behind a
/// network partition is.
/// </summary>
public sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly EmulatorFixture fixture;
    private readonly List<k8s.Kubernetes> clients = [];

    private EmulatedCluster(EmulatorFixture fixture) => this.fixture = fixture;

    public KubernetesEmulator Emulator => fixture.Emulator;

    public string KubeconfigPath => fixture.KubeconfigPath;

    public static async Task<EmulatedCluster> StartAsync(params string[] namespaces) =>
        new(await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = namespaces }));

    public static async Task<EmulatedCluster> StartAsync(EmulatorOptions options) => new(await EmulatorFixture.StartAsync(options));

    /// <summary>A client as the silo makes it (<see cref="KubernetesClients.Create"/>), disposed with the cluster.</summary>
    public k8s.Kubernetes Client() => Track(KubernetesClients.Create(Kubeconfig.Load([fixture.KubeconfigPath]).Configuration));

    /// <summary>A client whose link to the API server the test can cut and restore.</summary>
    public k8s.Kubernetes Client(out NetworkLink link)
    {
        link = new NetworkLink();
        // The link sits in the library's handler chain, in front of its own TLS handler (the emulator's CA).
        return Track(new k8s.Kubernetes(Kubeconfig.Load([fixture.KubeconfigPath]).Configuration, link));
    }

    private k8s.Kubernetes Track(k8s.Kubernetes client)
    {
        lock (clients) clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (clients)
        {
            foreach (var client in clients) client.Dispose();
            clients.Clear();
        }
        await fixture.DisposeAsync();
    }
}

/// <summary>Passes requests through until cut; then every request fails like an unreachable host.</summary>
public sealed class NetworkLink : DelegatingHandler
{
    private volatile bool cut;

    public void Cut() => cut = true;
    public void Restore() => cut = false;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        cut ? throw new HttpRequestException("network partition (test): the API server is unreachable") : base.SendAsync(request, cancellationToken);
}
