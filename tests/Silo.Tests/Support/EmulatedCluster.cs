using Actors.Emulator;
using Actors.Kubernetes;

namespace Actors.Silo.Tests.Support;

/// <summary>
/// An in-process API emulator and official clients of it, built as the silo builds its own (the
/// emulator's kubeconfig through <see cref="Kubeconfig.Load"/>, the operator's request policy).
/// Each client can be cut off from the API server (<see cref="NetworkLink.Cut"/>), as a replica
/// behind a network partition is.
/// </summary>
public sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly EmulatorFixture fixture;

    private EmulatedCluster(EmulatorFixture fixture) => this.fixture = fixture;

    public KubernetesEmulator Emulator => fixture.Emulator;

    public static async Task<EmulatedCluster> StartAsync(params string[] namespaces) =>
        new(await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = namespaces }));

    public static async Task<EmulatedCluster> StartAsync(EmulatorOptions options) => new(await EmulatorFixture.StartAsync(options));

    /// <summary>A client as the silo makes it (<see cref="KubernetesClients.Create"/>), disposed with the cluster.</summary>
    public k8s.Kubernetes Client() => fixture.Client();

    /// <summary>A client whose link to the API server the test can cut and restore.</summary>
    public k8s.Kubernetes Client(out NetworkLink link)
    {
        link = new NetworkLink();
        // The link sits in the client's handler chain, in front of the library's own TLS handler (the emulator's CA).
        return fixture.Client(handler: link);
    }

    public ValueTask DisposeAsync() => fixture.DisposeAsync();
}
