using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.KafkaSafety;
using Actors.Kafka.Features;
using Actors.Kafka.Protocol;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.KafkaSafety;

/// <summary>
/// The operator with its Kafka checks on, against a Kafka protocol peer whose partitions and
/// quorum the test drives: every restart and removal waits for Kafka's word, and says why.
/// </summary>
public sealed class KafkaHealthGateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> MinIsrTwo = new() { ["min.insync.replicas"] = "2" };

    [Fact]
    public async Task A_roll_waits_while_a_partition_sits_at_min_ISR_and_continues_when_it_recovers()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 3);
        kafka.Model.CreateTopic("orders", partitions: 3, replicationFactor: 3, MinIsrTwo);
        await using var scenario = await ReadyClusterAsync("kafkaisr", kafka, controllers: 1, brokers: 3);
        var mark = scenario.Timeline.Count;

        // Broker 0 fell behind on orders-1: brokers 1 and 2 are all its ISR, exactly min.insync.replicas.
        kafka.Model.SetIsr("orders", 1, 1, 2);
        var generation = await ChangeBrokerConfig(scenario);
        var blocked = await scenario.WaitUntilAsync(c => IsTrue(c, KafkaConditionReasons.RollBlocked), "RollBlocked=True", Generous);

        var message = KafkaScenario.Condition(blocked, KafkaConditionReasons.RollBlocked)!.Message;
        Assert.Contains("broker 2 must not restart yet", message);
        Assert.Contains("orders-1", message);
        Assert.Empty(scenario.Timeline.Deletions(mark));
        var warnings = await EventsAsync(scenario, KafkaConditionReasons.RollBlocked);
        Assert.Contains(warnings, e => e.Type == "Warning" && e.Message!.Contains("orders-1", StringComparison.Ordinal));

        kafka.Model.SetIsr("orders", 1, 1, 2, 0);
        var rolled = await scenario.WaitUntilReadyAsync(generation, Generous);
        Assert.Equal(ConditionStatus.False, KafkaScenario.Condition(rolled, KafkaConditionReasons.RollBlocked)!.Status);
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task A_controller_restart_waits_for_a_lagging_voter_and_the_active_controller_goes_last()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 3, brokers: 1);
        kafka.Model.ElectLeader(1002);
        await using var scenario = await ReadyClusterAsync("kafkaquorum", kafka, controllers: 3, brokers: 1);
        var mark = scenario.Timeline.Count;

        kafka.Model.SetVoterLag(1001, offsetLag: 500, caughtUpLag: TimeSpan.FromSeconds(30));
        await scenario.UpdateAsync(c => c.Metadata.Annotations = new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = "2026-12-03T16:00:00Z" });
        var blocked = await scenario.WaitUntilAsync(c => IsTrue(c, KafkaConditionReasons.RollBlocked), "RollBlocked=True", Generous);

        // The lagging voter itself may go (the others keep a majority); the next one may not.
        var message = KafkaScenario.Condition(blocked, KafkaConditionReasons.RollBlocked)!.Message;
        Assert.Contains("controller 1000 must not restart yet", message);
        Assert.Contains("voter(s) 1001 not caught up with leader 1002", message);
        Assert.Equal(["demo-controller-1"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));

        kafka.Model.CatchUpVoter(1001);
        await Eventually.UntilAsync(() => scenario.Timeline.Deletions(mark).Count == 4, "every node was restarted", Generous);
        await scenario.WaitUntilReadyAsync(timeout: Generous);
        Assert.Equal(["demo-controller-1", "demo-controller-0", "demo-controller-2", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task A_roll_waits_while_Kafka_is_unreachable_and_continues_when_it_answers()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 2);
        await using var scenario = await ReadyClusterAsync("kafkadown", kafka, controllers: 1, brokers: 2);
        var mark = scenario.Timeline.Count;

        await kafka.StopAsync();
        var generation = await ChangeBrokerConfig(scenario);
        var blocked = await scenario.WaitUntilAsync(c => IsTrue(c, KafkaConditionReasons.RollBlocked), "RollBlocked=True", Generous);

        var message = KafkaScenario.Condition(blocked, KafkaConditionReasons.RollBlocked)!.Message;
        Assert.Contains($"Kafka unreachable at demo-bootstrap.{scenario.Namespace}.svc.cluster.local:9092", message);
        Assert.Contains("the step waits until it answers", message);
        Assert.Empty(scenario.Timeline.Deletions(mark));

        kafka.Restart();
        await scenario.WaitUntilReadyAsync(generation, Generous);
        Assert.Equal(["demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task The_skip_annotation_lets_a_roll_through_on_readiness_alone_and_says_so_in_an_Event()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 2);
        kafka.Model.CreateTopic("orders", partitions: 1, replicationFactor: 2, MinIsrTwo);
        await using var scenario = await ReadyClusterAsync("kafkaskip", kafka, controllers: 1, brokers: 2);
        var mark = scenario.Timeline.Count;

        // With replication factor 2 and min.insync.replicas 2, Kafka would never let either broker restart.
        await scenario.UpdateAsync(c => c.Metadata.Annotations = new Dictionary<string, string> { [KafkaAnnotations.SkipKafkaChecks] = "true" });
        var generation = await ChangeBrokerConfig(scenario);
        await scenario.WaitUntilReadyAsync(generation, Generous);

        Assert.Equal(["demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
        var skipped = await EventsAsync(scenario, KafkaGateAnswer.ChecksSkippedReason);
        Assert.Contains(skipped, e => e.Type == "Warning"
                                      && e.Message!.StartsWith($"Kafka checks skipped for the restart of {scenario.Namespace}/demo broker 1", StringComparison.Ordinal)
                                      && e.Message.Contains(KafkaAnnotations.SkipKafkaChecks, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scale_in_of_a_broker_holding_replicas_is_blocked_naming_the_topic_until_they_move()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 3);
        kafka.Model.CreateTopic("payments", partitions: 1, replicationFactor: 2);
        kafka.Model.MoveReplicas("payments", 0, 2, 0);
        await using var scenario = await ReadyClusterAsync("kafkadrain", kafka, controllers: 1, brokers: 3);
        var mark = scenario.Timeline.Count;

        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 2 } });
        var blocked = await scenario.WaitUntilAsync(c => IsTrue(c, KafkaConditionReasons.ScaleDownBlocked), "ScaleDownBlocked=True", Generous);

        var message = KafkaScenario.Condition(blocked, KafkaConditionReasons.ScaleDownBlocked)!.Message;
        Assert.Contains("broker 2 still holds 1 partition replica(s) of topic(s) payments", message);
        Assert.Empty(scenario.Timeline.Deletions(mark));
        Assert.NotNull(await scenario.TryGetPodAsync("demo-broker-2"));

        kafka.Model.MoveReplicas("payments", 0, 0, 1);
        await scenario.WaitUntilReadyAsync(generation, Generous);
        Assert.Equal(["demo-broker-2"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task An_upgrade_raises_metadata_version_in_Kafka_exactly_once_after_the_last_node_runs_the_new_version()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 2);
        await using var scenario = await ReadyClusterAsync("kafkamv", kafka, controllers: 1, brokers: 2);
        await using var software = await PeerNodeSoftware.FollowAsync(scenario.Api, kafka.Model);

        // The peer refuses a level some node's software does not support, and a node supports
        // 4.0-IV3 only once its pod runs 4.0.0: one accepted request means it came after the last node.
        var generation = await scenario.UpdateSpecAsync(s => s with { Version = "4.0.0" });
        var upgraded = await scenario.WaitUntilReadyAsync(generation, Generous);

        Assert.Equal(1, kafka.Requests(ApiKey.UpdateFeatures));
        Assert.Equal(MetadataVersion.V4_0_IV3.Level, kafka.Model.State.MetadataVersionLevel);
        Assert.Equal("4.0-IV3", upgraded.Status!.Applied!.MetadataVersion);
        Assert.All(await scenario.ListPodsAsync(), p => Assert.Equal("apache/kafka:4.0.0", p.Spec.Containers[0].Image));

        // Back below the finalized level: refused, nothing rolls.
        var mark = scenario.Timeline.Count;
        var downgrade = await scenario.UpdateSpecAsync(s => s with { Version = "3.9.0" });
        var refused = await scenario.WaitUntilAsync(c => c.Status?.ObservedGeneration >= downgrade
            && KafkaScenario.Condition(c, KafkaConditionTypes.Ready)?.Reason == KafkaConditionReasons.InvalidSpec, "the downgrade refused", Generous);
        Assert.Contains("its metadata version was raised to 4.0-IV3", KafkaScenario.Condition(refused, KafkaConditionTypes.Ready)!.Message);
        Assert.Empty(scenario.Timeline.Deletions(mark));
        Assert.Equal(1, kafka.Requests(ApiKey.UpdateFeatures));
    }

    [Fact]
    public async Task A_raise_Kafka_refuses_is_held_with_MetadataVersionBlocked_and_retried_until_it_is_taken()
    {
        await using var kafka = KafkaPeerCluster.Start(controllers: 1, brokers: 2);
        await using var scenario = await ReadyClusterAsync("kafkamvheld", kafka, controllers: 1, brokers: 2);
        // Broker 1 keeps reporting its old software, whatever its pod runs.
        await using var software = await PeerNodeSoftware.FollowAsync(scenario.Api, kafka.Model, stale: 1);

        var generation = await scenario.UpdateSpecAsync(s => s with { Version = "4.0.0" });
        var blocked = await scenario.WaitUntilAsync(c => IsTrue(c, KafkaConditionReasons.MetadataVersionBlocked), "MetadataVersionBlocked=True", Generous);

        var message = KafkaScenario.Condition(blocked, KafkaConditionReasons.MetadataVersionBlocked)!.Message;
        Assert.Contains("Raising the metadata version from 3.9-IV0 to 4.0-IV3 is blocked", message);
        Assert.Contains("Node(s) 1 do not support it", message);
        Assert.Equal("3.9-IV0", blocked.Status!.Applied!.MetadataVersion);
        Assert.Equal(MetadataVersion.V3_9_IV0.Level, kafka.Model.State.MetadataVersionLevel);
        var warnings = await EventsAsync(scenario, KafkaConditionReasons.MetadataVersionBlocked);
        Assert.Contains(warnings, e => e.Type == "Warning" && e.Message!.Contains("do not support it", StringComparison.Ordinal));

        kafka.Model.SetNodeSupport(1, MetadataVersion.V4_0_IV3);
        var upgraded = await scenario.WaitUntilReadyAsync(generation, Generous);
        Assert.Equal("4.0-IV3", upgraded.Status!.Applied!.MetadataVersion);
        Assert.Equal(ConditionStatus.False, KafkaScenario.Condition(upgraded, KafkaConditionReasons.MetadataVersionBlocked)!.Status);
        Assert.Equal(MetadataVersion.V4_0_IV3.Level, kafka.Model.State.MetadataVersionLevel);
    }

    /// <summary>The operator asking the peer before each step, and a cluster of the peer's shape created and Ready.</summary>
    private async Task<KafkaScenario> ReadyClusterAsync(string name, KafkaPeerCluster kafka, int controllers, int brokers)
    {
        var scenario = await KafkaScenario.StartAsync(name, output, configure: kafka.Configure);
        try
        {
            await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers, brokers));
            await scenario.WaitUntilReadyAsync(timeout: Generous);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    private static Task<long> ChangeBrokerConfig(KafkaScenario scenario) =>
        scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Config = new() { ["num.io.threads"] = "16" } } });

    private static bool IsTrue(KafkaCluster cluster, string type) => KafkaScenario.Condition(cluster, type)?.Status == ConditionStatus.True;

    private static async Task<IReadOnlyList<Corev1Event>> EventsAsync(KafkaScenario scenario, string reason) =>
        [.. (await scenario.Api.Client.CoreV1.ListNamespacedEventAsync(scenario.Namespace)).Items.Where(e => e.Reason == reason)];
}
