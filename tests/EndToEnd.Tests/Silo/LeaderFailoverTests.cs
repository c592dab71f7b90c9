using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using k8s;
using k8s.Models;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Two silo processes with --leader-elect against one API server (an in-process emulator with
/// the simulated kubelet), as two operator replicas run. The leader is killed (SIGKILL: it
/// releases nothing) in the middle of a rolling restart; the standby takes the Lease once it
/// expires (client-go timings, 15 s / 10 s / 2 s) and finishes the roll. The emulator's audit
/// log proves the roll stayed safe across the failover: every node restarted exactly once for
/// the revision, and never more than maxUnavailable nodes down.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = SiloProcessWorld.Namespace;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private readonly SiloProcessWorld world = new(output, "silo-failover");

    public Task InitializeAsync() => world.InitializeAsync();

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task The_standby_takes_over_a_killed_leader_and_finishes_its_roll_without_restarting_a_node_twice()
    {
        var started = await Task.WhenAll(StartAsync("silo-a"), StartAsync("silo-b"));
        var (leader, standby) = await ElectedAsync(started[0], started[1]);
        world.Log($"{leader.Name} leads, {standby.Name} stands by");

        var cluster = Specs.Cluster(Ns, controllers: 3, brokers: 3);
        cluster.Spec = cluster.Spec! with { Rollout = new RolloutSpec { MaxUnavailable = 1 } };
        await new KafkaClusters(world.Client).CreateAsync(cluster);
        await ReadyAtRestAsync("3+3 Ready");
        var oldRevisions = (await world.PodsAsync()).ToDictionary(p => p.Metadata.Name!, Revision);

        // Any replica serves the API: the restart is asked of the standby, the leader carries it out.
        var mark = world.AuditMark();
        using (var http = new HttpClient { BaseAddress = standby.Http, Timeout = TimeSpan.FromSeconds(60) })
        {
            using var restart = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/demo/restart");
            restart.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.AdminToken);
            using var accepted = await http.SendAsync(restart);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.UntilAsync(() => world.Audit().Deletions(mark).Count >= 2, "the leader has restarted two nodes", Limit);
        await leader.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var deletedByLeader = world.Audit().Deletions(mark).Count;
        world.Log($"killed {leader.Name} after {deletedByLeader} of 6 restarts");
        Assert.True(deletedByLeader < 6, "the roll was over before the leader was killed");

        await UntilReadyzAsync(standby, $"leading as {standby.Name}", Limit);
        world.Log($"{standby.Name} leads {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0}s after the kill (lease duration 15s)");

        var pods = await Eventually.UntilAsync(async () =>
        {
            var now = await world.PodsAsync();
            return now.Count == 6 && now.All(p => Revision(p) != oldRevisions[p.Metadata.Name!] && IsReady(p)) ? now : null;
        }, "every node runs the new revision and is Ready", Limit);
        await ReadyAtRestAsync("Ready again after the roll");
        world.Log($"roll finished {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0}s after the kill");

        var audit = world.Audit();
        var deletions = audit.Deletions(mark);
        Assert.Equal(Members.Order(), deletions.Select(d => d.Pod).Order()); // each node exactly once: no double restart
        Assert.All(deletions, d => Assert.Equal(oldRevisions[d.Pod], d.Revision)); // never a pod already at the new revision
        Assert.Contains(deletions, d => d.Time > killedAt); // the new leader carried on where the old one stopped
        var (most, at) = audit.MostUnavailable(Members, mark);
        Assert.True(most <= 1, $"{most} nodes were unavailable at once (audit record {at}); maxUnavailable is 1");
        Assert.Equal(6, pods.Select(p => p.Metadata.Uid).Distinct().Count());

        var lease = world.Emulator.GetObject("leases", "kube-system", LeaderElectionLeaseName, "coordination.k8s.io");
        Assert.Equal(standby.Name, (string?)lease?["spec"]?["holderIdentity"]);
    }

    private const string LeaderElectionLeaseName = Actors.Silo.LeaderElection.LeaderElectionOptions.DefaultLeaseName;

    private Task<SiloProcess> StartAsync(string identity) =>
        world.StartSiloAsync(identity, "--leader-elect", "--lease-namespace", "kube-system");

    /// <summary>Waits until both replicas' /readyz agree on one leader; returns (leader, standby).</summary>
    private static async Task<(SiloProcess Leader, SiloProcess Standby)> ElectedAsync(SiloProcess a, SiloProcess b)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var (da, db) = (await LeadershipAsync(a), await LeadershipAsync(b));
            if (da == "leading as silo-a" && db == "standing by as silo-b; silo-a leads") return (a, b);
            if (db == "leading as silo-b" && da == "standing by as silo-a; silo-b leads") return (b, a);
            if (DateTime.UtcNow > deadline) Assert.Fail($"no agreed leader: silo-a says '{da}', silo-b says '{db}'");
            await Task.Delay(100);
        }
    }

    private static async Task UntilReadyzAsync(SiloProcess silo, string detail, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last;
        while ((last = await LeadershipAsync(silo)) != detail)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"/readyz never said '{detail}'; last: '{last}'");
            await Task.Delay(100);
        }
    }

    /// <summary>The leader-election detail of a replica's /readyz.</summary>
    private static async Task<string> LeadershipAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        using var answer = await http.GetAsync("/readyz");
        var checks = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["checks"]!.AsArray();
        return (string?)checks.First(c => (string?)c!["name"] == "leader-election")!["detail"] ?? "";
    }

    private Task<KafkaCluster> ReadyAtRestAsync(string expectation) =>
        Eventually.UntilAsync(async () =>
        {
            var cluster = await new KafkaClusters(world.Client).GetAsync("demo", Ns);
            var ready = cluster.Status?.Conditions?.Any(c => c.Type == KafkaConditionTypes.Ready && c.Status == ConditionStatus.True) == true;
            return ready && cluster.Status!.ObservedGeneration == cluster.Metadata.Generation && cluster.Status.Operation is null
                ? cluster
                : null;
        }, expectation, Limit);
}
