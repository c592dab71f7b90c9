using System.Net;
using System.Net.Http.Headers;
using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Issue 13, safety under duplicate activation: Orleans' directory is eventually consistent, so
/// while replicas disagree about membership one cluster's grains may briefly be active twice. The
/// worst case is made permanent here: two silo processes that each run alone (no shared operator
/// cluster) against one API server, so "demo" has two coordinators acting on the same pods
/// through a whole roll. The preconditions on every write that decides a node's fate (the
/// operation record's resourceVersion, the pod's UID on delete) must keep the roll safe: from the
/// emulator's audit log, every node restarted exactly once and never more than maxUnavailable down.
/// </summary>
public sealed class DuplicateActivationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = SiloProcessWorld.Namespace;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private readonly SiloProcessWorld world = new(output, "duplicate-activation");

    public Task InitializeAsync() => world.InitializeAsync();

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task Two_coordinators_of_one_cluster_acting_at_once_restart_every_node_once_and_keep_max_unavailable()
    {
        var started = await Task.WhenAll(world.StartSiloAsync("silo-a"), world.StartSiloAsync("silo-b"));

        var clusters = new KafkaClusters(world.Client);
        var demo = Specs.Cluster(Ns, controllers: 3, brokers: 3);
        demo.Spec = demo.Spec! with { Rollout = new RolloutSpec { MaxUnavailable = 1 } };
        var mark = world.AuditMark();
        await clusters.CreateAsync(demo);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready", Limit);
        // Both act on it: each activates the cluster's grains when its own watch delivers the object,
        // which may come after the other's start-up has already made the cluster Ready.
        await Eventually.UntilAsync(() => started.All(silo => silo.Output.Any(line => line.Contains($"Reconciling {Ns}/demo on this replica", StringComparison.Ordinal))),
            "both silos reconcile demo", Limit);
        // Two start-ups at once made one set of pods: never two pods for one identity.
        Assert.Equal(6, (await world.PodsAsync()).Count);
        Assert.Empty(world.Audit().Deletions(mark));

        var oldRevisions = (await world.PodsAsync()).ToDictionary(p => p.Metadata.Name!, Revision);
        mark = world.AuditMark();
        using (var http = new HttpClient { BaseAddress = started[0].Http, Timeout = TimeSpan.FromSeconds(60) })
        {
            using var restart = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/demo/restart");
            restart.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.AdminToken);
            using var accepted = await http.SendAsync(restart);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.UntilAsync(async () =>
        {
            var now = await world.PodsAsync();
            return now.Count == 6 && now.All(p => Revision(p) != oldRevisions[p.Metadata.Name!] && IsReady(p));
        }, "every node runs the new revision and is Ready", Limit);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready again after the roll", Limit);

        var audit = world.Audit();
        var deletions = audit.Deletions(mark);
        world.Log($"deletions: {string.Join(", ", deletions.Select(d => d.Pod))}; steps taken by " +
            string.Join(", ", started.Select(s => $"{s.Name} {s.Output.Count(line => line.Contains("Rolling kafka/demo", StringComparison.Ordinal))}")));
        Assert.Equal(Members.Order(), deletions.Select(d => d.Pod).Order()); // each node exactly once
        Assert.All(deletions, d => Assert.Equal(oldRevisions[d.Pod], d.Revision));
        var (most, at) = audit.MostUnavailable(Members, mark);
        Assert.True(most <= 1, $"{most} nodes were unavailable at once (audit record {at}); maxUnavailable is 1");
        Assert.Equal(6, (await world.PodsAsync()).Select(p => p.Metadata.Uid).Distinct().Count());
    }
}
