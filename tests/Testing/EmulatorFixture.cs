using Actors.Emulator;
using Actors.Kubernetes;
using k8s;
using Xunit.Abstractions;

namespace Actors.Testing;

/// <summary>
/// The in-process Kubernetes API emulator (src/Emulator) for one test: started on a free port with
/// its own work directory holding the kubeconfig (CA and admin token), the real kubectl pointed at
/// it, and official clients (<see cref="k8s.Kubernetes"/>) built from that kubeconfig the way the
/// operator builds its own. Disposing it stops the emulator, disposes the clients and removes the directory.
/// </summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private readonly WorkDirectory work;
    private readonly List<k8s.Kubernetes> clients = [];

    private EmulatorFixture(KubernetesEmulator emulator, WorkDirectory work)
    {
        Emulator = emulator;
        this.work = work;
    }

    public KubernetesEmulator Emulator { get; }
    public string KubeconfigPath => Emulator.KubeconfigPath;

    /// <summary>The admin bearer token the kubeconfig carries.</summary>
    public string Token => Emulator.AdminToken;

    /// <summary>The test's folder: kubectl's HOME and cache, and the kubeconfig unless the options name another path.</summary>
    public string WorkDir => work.Path;

    /// <summary>Starts an emulator; <paramref name="options"/> without a kubeconfig path get one in the work directory.</summary>
    public static async Task<EmulatorFixture> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var work = new WorkDirectory("emulator-");
        try
        {
            options.KubeconfigPath ??= Path.Combine(work.Path, "kubeconfig");
            return new EmulatorFixture(await KubernetesEmulator.StartAsync(options), work);
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    public Kubectl Kubectl(ITestOutputHelper? log = null) => new(KubeconfigPath, WorkDir, log);

    /// <summary>A fresh configuration read from the emulator's kubeconfig (server, CA, admin token); the library's configurations are mutable, so each caller gets its own.</summary>
    public KubernetesClientConfiguration Configuration() => Kubeconfig.Load([KubeconfigPath]).Configuration;

    /// <summary>
    /// An official client of the emulator as its admin, disposed with the fixture. <paramref name="policy"/>
    /// tunes it as the operator's flags would (rate limits, deadlines, user agent; the operator's
    /// defaults when null). <paramref name="handler"/>, when given, sits between the request policy and
    /// the library's TLS handler, so a test can see or cut every attempt on the wire.
    /// </summary>
    public k8s.Kubernetes Client(ClientPolicy? policy = null, DelegatingHandler? handler = null)
    {
        var configuration = Configuration();
        var client = handler is null
            ? KubernetesClients.Create(configuration, policy)
            : WithHandler(configuration, policy ?? new ClientPolicy(), handler);
        lock (clients) clients.Add(client);
        return client;
    }

    // KubernetesClients.Create takes no extra handler; this builds the same chain with one more link.
    private static k8s.Kubernetes WithHandler(KubernetesClientConfiguration configuration, ClientPolicy policy, DelegatingHandler handler)
    {
        configuration.UserAgent = policy.UserAgent;
        return new k8s.Kubernetes(configuration, new RequestPolicyHandler(policy, configuration.Host), handler);
    }

    public async ValueTask DisposeAsync()
    {
        lock (clients)
        {
            foreach (var client in clients) client.Dispose();
            clients.Clear();
        }
        await Emulator.DisposeAsync();
        work.Dispose();
    }
}
