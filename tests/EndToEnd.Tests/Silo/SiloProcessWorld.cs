using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.EndToEnd.Tests.Harness;
using Actors.Silo.Hosting;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// What the multi-process scenarios share: one API server (the emulator and its simulated kubelet,
/// the CRD installed once as `kubectl apply -k deploy/crd` would), silo processes started as
/// operator replicas with one API tokens file, the audit log, and cleanup of all of it.
/// </summary>
public sealed class SiloProcessWorld(ITestOutputHelper output, string name) : IAsyncLifetime
{
    public const string Namespace = "kafka";

    private readonly string workDir = Directory.CreateTempSubdirectory($"{name}-").FullName;
    private readonly List<SiloProcess> silos = [];
    private EmulatorFixture fixture = null!;
    private SimulatedKubelet kubelet = null!;

    public KubernetesEmulator Emulator { get; private set; } = null!;
    public k8s.Kubernetes Client { get; private set; } = null!;

    /// <summary>The file of API tokens every replica reads: admin <see cref="AdminToken"/>, read <see cref="ReadToken"/>.</summary>
    public string TokensFile => Path.Combine(workDir, "api-tokens");
    public string AdminToken => $"{name}-admin";
    public string ReadToken => $"{name}-read";

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = [Namespace] });
        Emulator = fixture.Emulator;
        kubelet = await Emulator.StartKubeletAsync(ApiUnderTest.FastKubelet);
        Client = ApiUnderTest.Connect(Emulator.KubeconfigPath);
        await new CustomResourceInstaller(Client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await File.WriteAllTextAsync(TokensFile, $"admin:{AdminToken}\nread:{ReadToken}\n");
    }

    /// <summary>A replica named <paramref name="identity"/> (its POD_NAME) on loopback ports, with these flags besides.</summary>
    public Task<SiloProcess> StartSiloAsync(string identity, params string[] flags) => StartReplicaAsync(identity, podNamespace: null, flags);

    /// <summary>
    /// A replica named <paramref name="identity"/>; with <paramref name="podNamespace"/> it is told
    /// (POD_NAMESPACE) that it runs in the pod of that name there, as the downward API would.
    /// </summary>
    public async Task<SiloProcess> StartReplicaAsync(string identity, string? podNamespace, params string[] flags)
    {
        var dir = Directory.CreateDirectory(Path.Combine(workDir, identity)).FullName;
        var silo = await SiloProcess.StartAsync(dir, output,
            ["--kubeconfig", Emulator.KubeconfigPath, "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0", .. flags],
            new Dictionary<string, string?> { ["POD_NAME"] = identity, ["POD_NAMESPACE"] = podNamespace, [ApiTokens.FileVariable] = TokensFile },
            identity);
        lock (silos) silos.Add(silo);
        return silo;
    }

    public PodAudit Audit() => new(Emulator.Audit.Records, Namespace);

    public long AuditMark() => Emulator.Audit.Records.LastOrDefault()?.Sequence ?? 0;

    public async Task<IReadOnlyList<V1Pod>> PodsAsync(string? cluster = null) =>
        [.. (await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: cluster is null ? null : $"{Actors.Contracts.Kafka.KafkaLabels.Instance}={cluster}")).Items];

    public void Log(string line) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} scenario: {line}");

    public async Task DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
        Client?.Dispose();
        if (kubelet is not null) await kubelet.DisposeAsync();
        if (fixture is not null) await fixture.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }
}
