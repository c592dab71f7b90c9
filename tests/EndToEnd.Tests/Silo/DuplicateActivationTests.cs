using System.Net;
using System.Net.Http.Headers;
using Actors.Contracts.Kafka;
using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.EndToEnd.Tests.Harness;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using k8s;
using k8s.Models;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Issue 13, safety under duplicate activation: Orleans' directory is eventually consistent, so
/// while replicas disagree about membership one cluster's grains may briefly be active twice. The
/// worst case is made permanent here: two silo processes that each run alone (no election, no
/// shared cluster) against one API server, so "demo" has two coordinators acting on the same pods
/// through a whole roll. The preconditions on every write that decides a node's fate (the
/// operation record's resourceVersion, the pod's UID on delete) must keep the roll safe: from the
/// emulator's audit log, every node restarted exactly once and never more than maxUnavailable down.
/// </summary>
public sealed class DuplicateActivationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "kafka";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private readonly string workDir = Directory.CreateTempSubdirectory("duplicate-activation-").FullName;
    private readonly List<SiloProcess> silos = [];
    private EmulatorFixture fixture = null!;
    private KubernetesEmulator emulator = null!;
    private SimulatedKubelet kubelet = null!;
    private k8s.Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = [Ns] });
        emulator = fixture.Emulator;
        kubelet = await emulator.StartKubeletAsync(ApiUnderTest.FastKubelet);
        client = ApiUnderTest.Connect(emulator.KubeconfigPath);
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    [Fact]
    public async Task Two_coordinators_of_one_cluster_acting_at_once_restart_every_node_once_and_keep_max_unavailable()
    {
        var tokens = Path.Combine(workDir, "api-tokens");
        await File.WriteAllTextAsync(tokens, "admin:twice-admin\n");
        var started = await Task.WhenAll(StartAsync("silo-a", tokens), StartAsync("silo-b", tokens));

        var clusters = new KafkaClusters(client);
        var demo = Specs.Cluster(Ns, controllers: 3, brokers: 3);
        demo.Spec = demo.Spec! with { Rollout = new RolloutSpec { MaxUnavailable = 1 } };
        var mark = emulator.Audit.Records.LastOrDefault()?.Sequence ?? 0;
        await clusters.CreateAsync(demo);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready", Limit);
        Assert.All(started, silo => Assert.Contains(silo.Output, line => line.Contains($"Reconciling {Ns}/demo on this replica", StringComparison.Ordinal)));
        // Two start-ups at once made one set of pods: never two pods for one identity.
        Assert.Equal(6, (await PodsAsync()).Count);
        Assert.Empty(Audit().Deletions(mark));

        var oldRevisions = (await PodsAsync()).ToDictionary(p => p.Metadata.Name!, Revision);
        mark = emulator.Audit.Records.LastOrDefault()?.Sequence ?? 0;
        using (var http = new HttpClient { BaseAddress = started[0].Http, Timeout = TimeSpan.FromSeconds(60) })
        {
            using var restart = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/demo/restart");
            restart.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "twice-admin");
            using var accepted = await http.SendAsync(restart);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.UntilAsync(async () =>
        {
            var now = await PodsAsync();
            return now.Count == 6 && now.All(p => Revision(p) != oldRevisions[p.Metadata.Name!] && IsReady(p));
        }, "every node runs the new revision and is Ready", Limit);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready again after the roll", Limit);

        var audit = Audit();
        var deletions = audit.Deletions(mark);
        Log($"deletions: {string.Join(", ", deletions.Select(d => d.Pod))}; steps taken by " +
            string.Join(", ", started.Select(s => $"{s.Name} {s.Output.Count(line => line.Contains("Rolling kafka/demo", StringComparison.Ordinal))}")));
        Assert.Equal(Members.Order(), deletions.Select(d => d.Pod).Order()); // each node exactly once
        Assert.All(deletions, d => Assert.Equal(oldRevisions[d.Pod], d.Revision));
        var (most, at) = audit.MostUnavailable(Members, mark);
        Assert.True(most <= 1, $"{most} nodes were unavailable at once (audit record {at}); maxUnavailable is 1");
        Assert.Equal(6, (await PodsAsync()).Select(p => p.Metadata.Uid).Distinct().Count());
    }

    private async Task<SiloProcess> StartAsync(string identity, string tokens)
    {
        var dir = Directory.CreateDirectory(Path.Combine(workDir, identity)).FullName;
        var silo = await SiloProcess.StartAsync(dir, output,
            ["--kubeconfig", emulator.KubeconfigPath, "--leader-elect=false", "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0"],
            new Dictionary<string, string?> { ["POD_NAME"] = identity, [ApiTokens.FileVariable] = tokens },
            identity);
        lock (silos) silos.Add(silo);
        return silo;
    }

    private async Task<IReadOnlyList<V1Pod>> PodsAsync() => [.. (await client.CoreV1.ListNamespacedPodAsync(Ns)).Items];

    private PodAudit Audit() => new(emulator.Audit.Records, Ns);

    private void Log(string line) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} scenario: {line}");

    public async Task DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
        client?.Dispose();
        if (kubelet is not null) await kubelet.DisposeAsync();
        if (fixture is not null) await fixture.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }
}
