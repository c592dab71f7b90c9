using System.Net;
using System.Net.Sockets;
using Actors.Bench.Shared;
using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using k8s;

namespace Actors.OperatorCluster.Bench;

/// <summary>
/// One API server (the in-process emulator and its simulated kubelet, main's single-queue kubelet)
/// with the CRD installed, and operator replicas started against it as separate processes with
/// <c>--operator-cluster ops</c>, so that each process's memory and requests are its own.
/// </summary>
public sealed class ReplicaWorld : IAsyncDisposable
{
    public const string Namespace = "kafka";
    public const string OperatorNamespace = "kube-system";
    public const string ClusterName = "ops";
    public const string MembershipConfigMap = "orleans-membership-" + ClusterName;

    /// <summary>As Operator.Bench: fast pods, so the operator is what is measured.</summary>
    public static readonly KubeletOptions FastKubelet = BenchKubelet.Fast(Namespace);

    /// <summary>The bench's own client and the kubelet's: never the bound.</summary>
    private static readonly ClientPolicy Unhurried = new() { Qps = 2000, Burst = 2000 };

    private readonly string workDir = Directory.CreateTempSubdirectory("operator-cluster-bench-").FullName;
    private readonly List<Replica> replicas = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ReplicaWorld(KubernetesEmulator emulator, SimulatedKubelet kubelet, k8s.Kubernetes client)
    {
        Emulator = emulator;
        Kubelet = kubelet;
        Client = client;
    }

    public KubernetesEmulator Emulator { get; }
    public SimulatedKubelet Kubelet { get; }
    public k8s.Kubernetes Client { get; }
    public HttpClient Http => http;

    public IReadOnlyList<Replica> Alive => [.. replicas.Where(r => !r.HasExited)];

    public static async Task<ReplicaWorld> StartAsync()
    {
        var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions { Namespaces = [Namespace] });
        var client = KubernetesClients.Create(Kubeconfig.Load([emulator.KubeconfigPath]).Configuration, Unhurried);
        var kubelet = new SimulatedKubelet(Kubeconfig.Load([emulator.KubeconfigPath]).Configuration, FastKubelet, TimeProvider.System, policy: Unhurried);
        kubelet.FollowSwitch(emulator.Kubelet);
        await kubelet.StartAsync();
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return new ReplicaWorld(emulator, kubelet, client);
    }

    /// <summary>Starts replica <paramref name="name"/> (its POD_NAME) and waits until it is Active in the operator cluster.</summary>
    public async Task<Replica> StartReplicaAsync(string name)
    {
        var tokens = Path.Combine(workDir, "api-tokens");
        if (!File.Exists(tokens)) await File.WriteAllTextAsync(tokens, "admin:bench-admin\nread:bench-read\n");
        var replica = await Replica.StartAsync(SiloDll, name, workDir,
            ["--kubeconfig", Emulator.KubeconfigPath, "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0",
             "--operator-cluster", ClusterName, "--silo-address", $"127.0.0.1:{FreePort()}", "--membership-namespace", OperatorNamespace],
            new Dictionary<string, string> { ["POD_NAME"] = name, [ApiTokens.FileVariable] = tokens });
        lock (replicas) replicas.Add(replica);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await replica.IsActiveAsync(http))
        {
            if (replica.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"{name} never became Active; see its output.log under {workDir}");
            await Task.Delay(100);
        }
        return replica;
    }

    /// <summary>The replica that last said it reconciles <paramref name="cluster"/> ("ns/name"), among the living.</summary>
    public Replica? HostOf(string cluster) =>
        Alive.Select(r => (Replica: r, Last: r.Takeovers.LastOrDefault(t => t.Cluster == cluster)))
            .Where(x => x.Last is not null).MaxBy(x => x.Last!.Time).Replica;

    public long AuditMark() => Emulator.Audit.Records.LastOrDefault()?.Sequence ?? 0;

    /// <summary>The silo as built beside this bench (same configuration and framework).</summary>
    private static string SiloDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            for (var dir = framework; dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
                {
                    var dll = Path.Combine(dir.FullName, "src", "Silo", "bin", framework.Parent!.Name, framework.Name, "Actors.Silo.dll");
                    return File.Exists(dll) ? dll : throw new FileNotFoundException($"The silo is not built at {dll}.");
                }
            throw new InvalidOperationException($"No Actors.sln above {AppContext.BaseDirectory}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas) await replica.DisposeAsync();
        http.Dispose();
        await Kubelet.DisposeAsync();
        Client.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }
}
