using Actors.Emulator;
using Actors.Kubernetes;
using Xunit.Abstractions;

namespace Actors.Testing;

/// <summary>
/// The in-process Kubernetes API emulator (src/Emulator) for one test: started on a free port with
/// its own work directory holding the kubeconfig (CA and admin token), the real kubectl pointed at
/// it, and clients of the project's own Kubernetes client. Disposing it stops the emulator, disposes
/// the clients and removes the directory.
/// </summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private readonly WorkDirectory work;
    private readonly List<KubernetesClient> clients = [];

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

    /// <summary>The configuration a client reads from the kubeconfig, changed as the test says.</summary>
    public KubernetesClientConfiguration Configuration(Action<KubernetesClientConfiguration.Builder>? change = null)
    {
        var configuration = KubernetesClientConfiguration.FromKubeConfigFile(KubeconfigPath);
        return change is null ? configuration : configuration.With(change);
    }

    /// <summary>A client of the emulator as its admin, disposed with the fixture.</summary>
    public KubernetesClient Client(Action<KubernetesClientConfiguration.Builder>? change = null, HttpMessageHandler? handler = null)
    {
        var client = new KubernetesClient(Configuration(change), handler);
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
        await Emulator.DisposeAsync();
        work.Dispose();
    }
}
