using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Issue 13: three silo processes with --operator-cluster against one API server (the emulator and
/// its simulated kubelet) form one Orleans cluster through the membership ConfigMap. 30
/// KafkaClusters are created on two replicas; a third that joins late takes the clusters whose home
/// it is, and they end spread over all three; the replica reconciling "demo" is killed (SIGKILL) in the
/// middle of demo's roll: demo reactivates on a survivor and the roll completes, every node
/// restarted exactly once and never more than maxUnavailable down (from the emulator's audit log).
/// </summary>
public sealed partial class OperatorClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = SiloProcessWorld.Namespace;
    private const int Small = 29;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private readonly SiloProcessWorld world = new(output, "operator-cluster");

    public Task InitializeAsync() => world.InitializeAsync();

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task Thirty_clusters_spread_over_three_replicas_one_joining_late_and_a_killed_replicas_roll_completes_on_a_survivor()
    {
        var first = await Task.WhenAll(StartAsync("silo-a"), StartAsync("silo-b"));
        foreach (var silo in first) await UntilActiveAsync(silo);
        var membership = world.Emulator.GetObject("configmaps", "kube-system", "orleans-membership-ops");
        Assert.NotNull(membership);

        // An outside watch of the pods from before the first, beside the audit log.
        await using var timeline = await PodTimeline.StartAsync(world.Client, Ns);
        var clusters = new KafkaClusters(world.Client);
        var demo = Specs.Cluster(Ns, controllers: 3, brokers: 3);
        demo.Spec = demo.Spec! with { Rollout = new RolloutSpec { MaxUnavailable = 1 } };
        await clusters.CreateAsync(demo);
        await Task.WhenAll(Enumerable.Range(0, Small).Select(i =>
        {
            var small = Specs.Cluster(Ns, controllers: 1, brokers: 1);
            small.Metadata.Name = $"c{i:00}";
            return clusters.CreateAsync(small);
        }));
        // The third replica joins while the clusters converge: their grains move to it mid-creation.
        await Eventually.UntilAsync(() => first.All(s => Reconciled(s).Any()), "both replicas reconcile clusters", Limit);
        world.Log("before the third joined: " + string.Join(", ", first.Select(s => $"{s.Name} {Reconciled(s).Count()}")));
        var late = await StartAsync("silo-c");
        await UntilActiveAsync(late);
        SiloProcess[] started = [.. first, late];
        await Eventually.UntilAsync(async () => (await clusters.ListAsync(Ns)).Count(IsReadyAtRest) == Small + 1,
            $"all {Small + 1} clusters Ready", Limit);

        // Spread: every replica reconciles some of them (the late one too), and each cluster is reconciled by one.
        var hosts = await Eventually.UntilAsync(() =>
        {
            var now = started.ToDictionary(s => s.Name, s => Reconciled(s).ToHashSet());
            return Task.FromResult(now.Values.Sum(h => h.Count) == Small + 1 && now.Values.All(h => h.Count > 0) ? now : null);
        }, "each cluster reconciled by exactly one replica, every replica by some", Limit);
        world.Log("spread: " + string.Join(", ", hosts.Select(h => $"{h.Key} {h.Value.Count}")));
        Assert.Equal(Small + 1, hosts.Values.SelectMany(h => h).Distinct().Count());

        var host = started.Single(s => hosts[s.Name].Contains($"{Ns}/demo"));
        var other = started.First(s => s != host);
        var oldRevisions = (await world.PodsAsync("demo")).ToDictionary(p => p.Metadata.Name!, Revision);
        var mark = world.AuditMark();
        var watched = timeline.Count;
        // Any replica serves the API: the restart is asked of one that does not reconcile demo.
        using (var http = new HttpClient { BaseAddress = other.Http, Timeout = TimeSpan.FromSeconds(60) })
        {
            using var restart = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/demo/restart");
            restart.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.AdminToken);
            using var accepted = await http.SendAsync(restart);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.UntilAsync(() => world.Audit().Deletions(mark).Count >= 2, "demo's replica has restarted two nodes", Limit);
        await host.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var deletedBefore = world.Audit().Deletions(mark).Count;
        world.Log($"killed {host.Name} after {deletedBefore} of 6 restarts");
        Assert.True(deletedBefore < 6, "the roll was over before its replica was killed");

        var survivors = started.Where(s => s != host).ToList();
        await Eventually.UntilAsync(() => survivors.Any(s => Reconciled(s).Contains($"{Ns}/demo")), "a survivor reconciles demo", Limit);
        world.Log($"demo reactivated on {survivors.First(s => Reconciled(s).Contains($"{Ns}/demo")).Name} {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0}s after the kill");

        await Eventually.UntilAsync(async () =>
        {
            var now = await world.PodsAsync("demo");
            return now.Count == 6 && now.All(p => Revision(p) != oldRevisions[p.Metadata.Name!] && IsReady(p));
        }, "every node of demo runs the new revision and is Ready", Limit);
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync("demo", Ns)), "demo Ready again after the roll", Limit);
        world.Log($"roll finished {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0}s after the kill");

        var audit = world.Audit();
        var deletions = audit.Deletions(mark).Where(d => d.Pod.StartsWith("demo-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Members.Order(), deletions.Select(d => d.Pod).Order()); // each node exactly once
        Assert.All(deletions, d => Assert.Equal(oldRevisions[d.Pod], d.Revision));
        Assert.Contains(deletions, d => d.Time > killedAt); // a survivor carried on
        var (most, at) = audit.MostUnavailable(Members, mark);
        Assert.True(most <= 1, $"{most} nodes were unavailable at once (audit record {at}); maxUnavailable is 1");
        var seenDeleted = timeline.Deletions(watched).Where(c => c.Pod.StartsWith("demo-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Members.Order(), seenDeleted.Select(c => c.Pod).Order()); // the watch saw each node go exactly once
        var mostSeen = timeline.MostUnavailable(Members, watched);
        Assert.True(mostSeen <= 1, $"the watch saw {mostSeen} nodes unavailable at once; maxUnavailable is 1");

        // The killed replica's other clusters live on too: every cluster still Ready.
        Assert.Equal(Small + 1, (await clusters.ListAsync(Ns)).Count(IsReadyAtRest));

        // A graceful stop (SIGTERM, as a rolling update of the operator does) hands the stopping
        // replica's clusters over: the API of the last one answers throughout, and a change to a
        // cluster the stopped one reconciled is carried out by the last.
        var (stopping, last) = (survivors[0], survivors[1]);
        var handed = Reconciled(stopping).First(name => name != $"{Ns}/demo").Split('/')[1];
        using var api = new HttpClient { BaseAddress = last.Http, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.ReadToken);
        var failures = new List<string>();
        var answered = 0;
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                try
                {
                    using var answer = await api.GetAsync($"/api/v1/clusters/{Ns}/{handed}");
                    if (answer.IsSuccessStatusCode) answered++;
                    else failures.Add($"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add(e.Message);
                }
                await Task.Delay(20);
            }
        });
        Assert.Equal(0, await stopping.TerminateAsync(TimeSpan.FromSeconds(60)));
        world.Log($"{stopping.Name} stopped gracefully; {handed} was one of its clusters");
        await clusters.UpdateAsync(handed, Ns, c => c.Spec = c.Spec! with
        {
            Brokers = c.Spec.Brokers! with { Config = new Dictionary<string, string> { ["num.partitions"] = "7" } },
        });
        await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync(handed, Ns)), $"{handed}'s change carried out by {last.Name}", Limit);
        await polling.CancelAsync();
        await poller;
        Assert.Contains($"{Ns}/{handed}", Reconciled(last));
        var membershipWrites = world.Emulator.Audit.Records.Where(r => r.Resource == "configmaps" && r.Name == "orleans-membership-ops").ToList();
        world.Log($"membership ConfigMap: {membershipWrites.Count} writes in {(membershipWrites[^1].Time - membershipWrites[0].Time).TotalSeconds:0} s; " +
            $"API answered {answered} reads during the graceful stop");
        Assert.True(failures.Count == 0, $"API clients saw {failures.Count} errors during the handover, the first: {failures.FirstOrDefault()}");
        Assert.True(answered > 0);
    }

    private Task<SiloProcess> StartAsync(string identity) =>
        world.StartSiloAsync(identity, "--operator-cluster", "ops", "--silo-address", $"127.0.0.1:{FreePort()}", "--membership-namespace", "kube-system");

    /// <summary>
    /// The clusters a replica reconciles now, from its log: a line when a cluster's grain activates
    /// on it, another when it deactivates (moved to its home, or gone).
    /// </summary>
    private static IEnumerable<string> Reconciled(SiloProcess silo)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in silo.Output)
        {
            if (ReconcilingLine().Match(line) is { Success: true } started) held.Add(started.Groups[1].Value);
            else if (StoppedLine().Match(line) is { Success: true } stopped) held.Remove(stopped.Groups[1].Value);
        }
        return held;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Reconciling (\S+) on this replica")]
    private static partial System.Text.RegularExpressions.Regex ReconcilingLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"Stopped reconciling (\S+) on this replica")]
    private static partial System.Text.RegularExpressions.Regex StoppedLine();

    private static async Task UntilActiveAsync(SiloProcess silo)
    {
        var deadline = DateTime.UtcNow + Limit;
        string detail;
        while (true)
        {
            using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
            using var answer = await http.GetAsync("/readyz");
            var checks = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["checks"]!.AsArray();
            var check = checks.First(c => (string?)c!["name"] == "operator-cluster")!;
            detail = (string?)check["detail"] ?? "";
            if ((bool?)check["ready"] == true) break;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{silo.Name} never became Active; /readyz says '{detail}'");
            await Task.Delay(100);
        }
        Assert.Equal($"{silo.Name} is Active in operator cluster ops", detail);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
