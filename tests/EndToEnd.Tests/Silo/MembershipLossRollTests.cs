using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using k8s;
using Actors.EndToEnd.Tests.Harness;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Issue 13, bad input to membership, with real operator replicas in the middle of a roll: the
/// membership ConfigMap is deleted while a third replica starts, then edited into nonsense. No
/// replica crashes, the three end in one operator cluster recorded in the ConfigMap, and the roll
/// stays safe: from the audit log every node restarted exactly once, never more than
/// maxUnavailable down.
/// </summary>
public sealed class MembershipLossRollTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = SiloProcessWorld.Namespace;
    private const string Membership = "orleans-membership-lost";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private readonly SiloProcessWorld world = new(output, "membership-loss");

    public Task InitializeAsync() => world.InitializeAsync();

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task A_deleted_then_garbled_membership_configmap_mid_roll_ends_in_one_cluster_and_a_safe_roll()
    {
        var started = (await Task.WhenAll(StartAsync("silo-a"), StartAsync("silo-b"))).ToList();
        var clusters = new KafkaClusters(world.Client);
        var demo = Specs.Cluster(Ns, controllers: 3, brokers: 3);
        // A node Ready for 2 s before the next moves: the roll lasts long enough to lose the table twice in it.
        demo.Spec = demo.Spec! with { Rollout = new RolloutSpec { MaxUnavailable = 1, MinReadySeconds = 2 } };
        await clusters.CreateAsync(demo);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready", Limit);

        var oldRevisions = (await world.PodsAsync("demo")).ToDictionary(p => p.Metadata.Name!, Revision);
        var mark = world.AuditMark();
        using (var http = new HttpClient { BaseAddress = started[1].Http, Timeout = TimeSpan.FromSeconds(60) })
        {
            using var restart = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/demo/restart");
            restart.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.AdminToken);
            using var accepted = await http.SendAsync(restart);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.UntilAsync(() => world.Audit().Deletions(mark).Count >= 1, "the roll has restarted a node", Limit);
        await world.Client.CoreV1.DeleteNamespacedConfigMapAsync(Membership, OperatorReplicas.MembershipNamespace);
        world.Log($"deleted {Membership} after {world.Audit().Deletions(mark).Count} of 6 restarts; starting silo-c");
        started.Add(await StartAsync("silo-c"));

        await Eventually.UntilAsync(() => world.Audit().Deletions(mark).Count >= 3, "the roll goes on to a third node", Limit);
        // Garble the table once a replica has written it back (or silo-c made it anew): the next heartbeat can be up to 10 s away.
        var map = await Eventually.UntilAsync(async () =>
        {
            try { return await world.Client.CoreV1.ReadNamespacedConfigMapAsync(Membership, OperatorReplicas.MembershipNamespace); }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return null; }
        }, $"{Membership} is back", Limit);
        map.Data["membership.json"] = "{ \"format\": 1, \"version\": \"seven\" }";
        await world.Client.CoreV1.ReplaceNamespacedConfigMapAsync(map, Membership, OperatorReplicas.MembershipNamespace);
        world.Log($"garbled {Membership} after {world.Audit().Deletions(mark).Count} of 6 restarts");

        await Eventually.UntilAsync(async () =>
        {
            var now = await world.PodsAsync("demo");
            return now.Count == 6 && now.All(p => Revision(p) != oldRevisions[p.Metadata.Name!] && IsReady(p));
        }, "every node of demo runs the new revision and is Ready", Limit);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready again after the roll", Limit);

        var audit = world.Audit();
        var deletions = audit.Deletions(mark);
        Assert.Equal(Members.Order(), deletions.Select(d => d.Pod).Order()); // each node exactly once
        Assert.All(deletions, d => Assert.Equal(oldRevisions[d.Pod], d.Revision));
        var (most, at) = audit.MostUnavailable(Members, mark);
        Assert.True(most <= 1, $"{most} nodes were unavailable at once (audit record {at}); maxUnavailable is 1");

        // One operator cluster of three, in the ConfigMap and as each replica sees itself; nobody crashed.
        await Eventually.UntilAsync(async () =>
        {
            var table = JsonNode.Parse((await world.Client.CoreV1.ReadNamespacedConfigMapAsync(Membership, OperatorReplicas.MembershipNamespace)).Data["membership.json"])!;
            return table["silos"]!.AsArray().Count(row => (string?)row!["status"] == "Active") == 3;
        }, $"{Membership} holds the three replicas Active", Limit);
        foreach (var silo in started)
        {
            Assert.False(silo.HasExited, $"{silo.Name} exited");
            var (active, detail) = await OperatorReplicas.MembershipAsync(silo);
            Assert.True(active, $"{silo.Name} is not Active: {detail}");
        }
        // Whoever found the table lost said what it found and wrote the table back (which replica
        // depends on whose read or heartbeat came first: silo-c may merge the others' table into its own).
        var said = started.SelectMany(s => s.Output).Where(line => line.Contains($"ConfigMap {OperatorReplicas.MembershipNamespace}/{Membership}", StringComparison.Ordinal)).ToList();
        Assert.Contains(said, line => line.Contains("was deleted", StringComparison.Ordinal) || line.Contains("was made anew", StringComparison.Ordinal));
        // The garbled text is quoted in the log, by a replica writing its copy over it or by silo-c
        // writing a new table over it if it was still joining.
        Assert.Contains(said, line => line.Contains("\"version\": \"seven\"", StringComparison.Ordinal));
    }

    private Task<SiloProcess> StartAsync(string identity) => OperatorReplicas.StartAsync(world, identity, "lost");
}
