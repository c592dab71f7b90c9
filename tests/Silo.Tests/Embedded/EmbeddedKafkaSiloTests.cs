using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Tests.Api;
using Actors.Silo.Tests.Support;
using k8s;

namespace Actors.Silo.Tests.Embedded;

/// <summary>The embedded silo with its Kafka, shared by the tests of one class (one start-up of the sample cluster).</summary>
public sealed class EmbeddedKafkaSilo : IAsyncLifetime
{
    /// <summary>Longer than the sample's minReadySeconds (3 s), so every roll step visibly waits for Kafka.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(8);

    public EmbeddedSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await EmbeddedSilo.StartAsync("--embedded-kafka-catch-up", $"{CatchUp.TotalSeconds:0}s");

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>
/// Embedded mode as a newcomer meets it: the banner's kcat line lists the sample cluster's Kafka,
/// and a rolling restart of the sample waits, with RollBlocked naming the partitions, until the
/// restarted broker has rejoined their ISRs — on the cluster's status and on the dashboard.
/// </summary>
public sealed partial class EmbeddedKafkaSiloTests(EmbeddedKafkaSilo fixture) : IClassFixture<EmbeddedKafkaSilo>
{
    private const string Namespace = "kafka";
    private const string Name = "demo";
    private static readonly TimeSpan StartUp = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Roll = TimeSpan.FromMinutes(5);

    private EmbeddedSilo Silo => fixture.Silo;

    [Fact]
    public async Task The_banners_kcat_line_lists_the_demo_clusters_brokers_and_topics()
    {
        var kcat = Silo.Command("kcat -L -b ");
        Assert.Matches(@"^kcat -L -b 127\.0\.0\.1:\d+$", kcat);
        var address = kcat.Split(' ')[^1];
        await SampleInSyncAsync();

        var listed = await InstalledTool.Kcat.Ok(kcat.Split(' ')[1..], Silo.StateDir);

        Assert.Contains(" 3 brokers:", listed);
        foreach (var broker in new[] { 0, 1, 2 }) Assert.Contains($"broker {broker} at {address}", listed);
        Assert.Contains(" 3 topics:", listed);
        Assert.Contains("topic \"orders\" with 6 partitions:", listed);
        Assert.Contains("topic \"payments\" with 3 partitions:", listed);
        Assert.Contains("topic \"clicks\" with 3 partitions:", listed);
        Assert.Equal(12, IsrLine().Matches(listed).Count);
        Assert.All(IsrLine().Matches(listed), m => Assert.Equal(3, m.Groups["isrs"].Value.Split(',').Length));
    }

    [Fact]
    public async Task A_restart_roll_waits_with_RollBlocked_naming_the_partitions_until_they_rejoin_and_then_completes()
    {
        await SampleInSyncAsync();
        var before = await PodUidsAsync();
        using var feed = new CancellationTokenSource();
        var dashboard = WatchDashboardAsync(feed.Token);

        await new KafkaClusters(Silo.Client).PatchAsync(Name, Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KafkaAnnotations.RestartAt] = "2026-12-03T19:00:00Z" } },
        });

        var blocked = await Eventually.UntilAsync(async () =>
            Condition(await GetAsync(), KafkaConditionReasons.RollBlocked) is { Status: ConditionStatus.True } c && BrokerHeldByPartitions().IsMatch(c.Message ?? "")
                ? c : null, "RollBlocked names the partitions a broker restart would take below min ISR", Roll, TimeSpan.FromMilliseconds(100));
        Assert.Contains("below min.insync.replicas 2", blocked.Message);

        await Eventually.UntilAsync(async () =>
        {
            var now = await PodUidsAsync();
            var cluster = await GetAsync();
            return now.Count == before.Count && now.All(p => before[p.Key] != p.Value)
                   && Condition(cluster, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                   && Condition(cluster, KafkaConditionTypes.Progressing)?.Status == ConditionStatus.False;
        }, "every node restarted once and the cluster is Ready again", Roll);
        Assert.NotEqual(ConditionStatus.True, Condition(await GetAsync(), KafkaConditionReasons.RollBlocked)?.Status);

        // The dashboard showed the same wait: the RollBlocked row with its message.
        await feed.CancelAsync();
        var shown = await dashboard;
        Assert.Contains(shown, c => c.Type == KafkaConditionReasons.RollBlocked && c.Status == ConditionStatus.True && c.Message == blocked.Message);
    }

    [Fact]
    public async Task A_cluster_the_user_creates_has_no_Kafka_here_and_rolls_on_readiness_alone_saying_so_in_an_Event()
    {
        const string mine = "mine";
        await RawKafkaClusters.CreateAsync(Silo.Client, Namespace, mine, brokers: 1, controllers: 1);
        var clusters = new KafkaClusters(Silo.Client);
        await Eventually.UntilAsync(async () => Condition(await clusters.GetAsync(mine, Namespace), KafkaConditionTypes.Ready)?.Status == ConditionStatus.True,
            "the user's cluster is Ready", StartUp);
        var before = (await PodUidsAsync()).Where(p => p.Key.StartsWith($"{mine}-", StringComparison.Ordinal)).ToDictionary();

        await clusters.PatchAsync(mine, Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KafkaAnnotations.RestartAt] = "2026-12-03T20:00:00Z" } },
        });

        await Eventually.UntilAsync(async () =>
        {
            var now = await PodUidsAsync();
            var cluster = await clusters.GetAsync(mine, Namespace);
            return before.All(p => now.TryGetValue(p.Key, out var uid) && uid != p.Value)
                   && Condition(cluster, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                   && Condition(cluster, KafkaConditionTypes.Progressing)?.Status == ConditionStatus.False;
        }, "both nodes of the user's cluster restarted and it is Ready again", Roll);
        var events = (await Silo.Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items
            .Where(e => e.InvolvedObject.Name == mine && e.Reason == Actors.Grains.KafkaSafety.KafkaGateAnswer.NoKafkaReason).ToList();
        Assert.NotEmpty(events);
        Assert.Contains("only readiness was checked", events[0].Message);
        Assert.DoesNotContain((await clusters.GetAsync(mine, Namespace)).Status!.Conditions!, c => c.Message?.Contains("Kafka unreachable") == true);
    }

    /// <summary>The sample started and every partition back in sync (the ISRs full), as after a quiet start-up.</summary>
    private async Task SampleInSyncAsync()
    {
        await Eventually.UntilAsync(async () =>
        {
            var cluster = await GetAsync();
            return Condition(cluster, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                   && Condition(cluster, KafkaConditionTypes.Progressing)?.Status == ConditionStatus.False;
        }, "the sample cluster is Ready", StartUp);
        var kcat = Silo.Command("kcat -L -b ").Split(' ')[1..];
        await Eventually.UntilAsync(async () =>
        {
            var listed = await InstalledTool.Kcat.Ok(kcat, Silo.StateDir);
            var isrs = IsrLine().Matches(listed);
            return isrs.Count == 12 && isrs.All(m => m.Groups["isrs"].Value.Split(',').Length == 3);
        }, "every partition of the demo topics has its 3 replicas in sync", StartUp);
    }

    private Task<KafkaCluster> GetAsync() => new KafkaClusters(Silo.Client).GetAsync(Name, Namespace);

    private static ClusterCondition? Condition(KafkaCluster cluster, string type) =>
        cluster.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private async Task<Dictionary<string, string>> PodUidsAsync() =>
        (await Silo.Client.CoreV1.ListNamespacedPodAsync(Namespace)).Items.ToDictionary(p => p.Metadata.Name, p => p.Metadata.Uid);

    /// <summary>Every condition of the sample the dashboard's feed sent until cancelled, as the page received them.</summary>
    private async Task<List<(string Type, string Status, string Message)>> WatchDashboardAsync(CancellationToken stop)
    {
        var seen = new List<(string, string, string)>();
        using var http = new HttpClient { BaseAddress = Silo.Dashboard.Http, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Silo.Dashboard.ReadToken);
        try
        {
            using var response = await http.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(stop));
            while (!stop.IsCancellationRequested && await events.NextAsync().WaitAsync(stop) is { } block)
            {
                if (block[0] != "event: clusters") continue;
                foreach (var entry in JsonDocument.Parse(block[1]["data: ".Length..]).RootElement.EnumerateArray())
                {
                    var cluster = entry.GetProperty("cluster");
                    if (cluster.GetProperty("name").GetString() != Name) continue;
                    foreach (var c in cluster.GetProperty("conditions").EnumerateArray())
                        seen.Add((c.GetProperty("type").GetString()!, c.GetProperty("status").GetString()!, c.GetProperty("message").GetString() ?? ""));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return seen;
    }

    [GeneratedRegex(@"partition \d+, leader -?\d+, replicas: [\d,]+, isrs: (?<isrs>[\d,]*)")]
    private static partial Regex IsrLine();

    [GeneratedRegex(@"broker \d must not restart yet: .*\b(orders|payments|clicks)-\d+\b")]
    private static partial Regex BrokerHeldByPartitions();
}
