using Actors.Kafka.Admin;
using Actors.Kafka.Client;
using Actors.Kafka.Protocol;
using Actors.Kafka.Safety;
using Actors.Kafka.Tests.Peer;

namespace Actors.Kafka.Tests.Admin;

// Confluent.Kafka (librdkafka 2.16) against the peer over real TCP: its real Metadata,
// DescribeConfigs and DescribeCluster code paths, through the typed wrapper.
public class KafkaAdminTests
{
    private static KafkaAdmin AdminFor(PeerFixture peer, TimeSpan? timeout = null) => new(new KafkaAdminOptions
    {
        BootstrapServers = peer.Peer.Endpoint.ToString(),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task Layout_lists_the_live_brokers_and_every_partitions_replicas_isr_and_leader()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);

        var result = await admin.DescribeLayoutAsync();

        Assert.True(result.Succeeded, $"{result} {string.Join(" | ", peer.Peer.Refusals)}");
        Assert.Equal([3, 4, 5], result.Value.Brokers.Select(b => b.Id));
        Assert.All(result.Value.Brokers, b => Assert.Equal(peer.Peer.Endpoint.Port, b.Port));
        Assert.Equal(["events", "orders"], result.Value.Topics.Select(t => t.Name));
        var orders = result.Value.Topics.Single(t => t.Name == "orders");
        Assert.Equal(
            [(0, 3, "3,4,5", "3,4,5"), (1, 4, "4,5,3", "4,5,3"), (2, 5, "5,3,4", "5,3,4")],
            orders.Partitions.Select(p => (p.Partition, p.Leader, string.Join(',', p.Replicas), string.Join(',', p.Isr))));
        Assert.All(orders.Partitions, p => Assert.Equal(KafkaError.None, p.Error));
        // librdkafka 2.16 asks the highest Metadata version the peer serves (its own maximum is 13).
        Assert.Contains((ApiKey.Metadata, (short)12), peer.Peer.Answered);
        Assert.Contains((ApiKey.ApiVersions, (short)3), peer.Peer.Answered);
    }

    [Fact]
    public async Task A_broker_going_down_leaves_the_listing_and_every_isr_and_its_leaderships_move()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);
        peer.Model.BrokerDown(4);

        var result = await admin.DescribeLayoutAsync();

        Assert.True(result.Succeeded, $"{result} {string.Join(" | ", peer.Peer.Refusals)}");
        Assert.Equal([3, 5], result.Value.Brokers.Select(b => b.Id));
        var partitions = result.Value.Topics.SelectMany(t => t.Partitions.Select(p => (t.Name, p))).ToList();
        Assert.All(partitions, x => Assert.DoesNotContain(4, x.p.Isr));
        Assert.All(partitions, x => Assert.NotEqual(4, x.p.Leader));
        // orders-1 was led by 4; the next in-sync replica in preference order (5) leads now.
        Assert.Equal(5, partitions.Single(x => x is { Name: "orders", p.Partition: 1 }).p.Leader);
    }

    [Fact]
    public async Task Min_isr_is_the_topics_own_setting_else_the_brokers_else_kafkas_default()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);

        var before = await admin.MinInSyncReplicasAsync(["orders", "events"]);
        peer.Model.SetBrokerConfig("min.insync.replicas", "3");
        var after = await admin.MinInSyncReplicasAsync(["orders", "events"]);

        Assert.True(before.Succeeded, before.ToString());
        Assert.Equal(2, before.Value["orders"]);
        Assert.Equal(1, before.Value["events"]);
        Assert.True(after.Succeeded, after.ToString());
        Assert.Equal(2, after.Value["orders"]);
        Assert.Equal(3, after.Value["events"]);

        peer.Model.SetTopicConfig("orders", "min.insync.replicas", null); // back to inheriting
        peer.Model.SetTopicConfig("events", "min.insync.replicas", "2");
        var swapped = await admin.MinInSyncReplicasAsync(["orders", "events"]);
        Assert.True(swapped.Succeeded, swapped.ToString());
        Assert.Equal(3, swapped.Value["orders"]);
        Assert.Equal(2, swapped.Value["events"]);
        // librdkafka sends DescribeConfigs v1 (with synonyms), never the flexible v4.
        Assert.All(peer.Peer.Answered.Where(a => a.Api == ApiKey.DescribeConfigs), a => Assert.Equal(1, a.Version));
    }

    [Fact]
    public async Task A_min_isr_that_is_not_a_positive_integer_is_a_malformed_answer_not_a_guess()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);
        peer.Model.SetTopicConfig("events", "min.insync.replicas", "two");

        var result = await admin.PartitionReplicasAsync();

        Assert.Equal(KafkaFailureKind.MalformedResponse, result.Failure?.Kind);
        Assert.Contains("topic events has min.insync.replicas 'two'", result.Failure!.Message);
    }

    [Fact]
    public async Task An_unknown_topics_configs_are_a_typed_kafka_error()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);

        var result = await admin.MinInSyncReplicasAsync(["no-such-topic"]);

        Assert.False(result.Succeeded);
        Assert.Equal(KafkaFailureKind.ErrorCode, result.Failure!.Kind);
        Assert.Equal(KafkaError.UnknownTopicOrPartition, result.Failure.Error);
    }

    [Fact]
    public async Task Describe_cluster_names_the_cluster_its_controller_and_live_brokers()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);
        peer.Model.BrokerDown(3);

        var result = await admin.DescribeClusterAsync();

        Assert.True(result.Succeeded, $"{result} {string.Join(" | ", peer.Peer.Refusals)}");
        Assert.Equal(peer.Model.State.ClusterId, result.Value.ClusterId);
        Assert.Equal(4, result.Value.Controller?.Id);
        Assert.Equal([4, 5], result.Value.Brokers.Select(b => b.Id));
    }

    [Fact]
    public async Task The_gates_input_carries_each_partitions_effective_min_isr_and_holds_a_restart_at_min_isr()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);
        peer.Model.SetIsr("orders", 0, 3, 4);

        var result = await admin.PartitionReplicasAsync();

        Assert.True(result.Succeeded, $"{result} {string.Join(" | ", peer.Peer.Refusals)}");
        Assert.Equal(5, result.Value.Count);
        Assert.Equal(2, result.Value.Single(p => p.Id == new TopicPartition("orders", 0)).MinInSyncReplicas);
        Assert.Equal(1, result.Value.Single(p => p.Id == new TopicPartition("events", 1)).MinInSyncReplicas);
        var verdict = BrokerRestartGate.Decide(result.Value, 3);
        Assert.False(verdict.IsOpen);
        Assert.Equal([new TopicPartition("orders", 0)], verdict.Holds.Select(h => h.Partition));
        Assert.Contains("orders-0", verdict.Message);
        Assert.True(BrokerRestartGate.Decide(result.Value, 5).IsOpen, BrokerRestartGate.Decide(result.Value, 5).Message);
    }

    [Fact]
    public async Task A_partition_whose_last_in_sync_replica_died_counts_as_under_min_isr_and_holds_its_other_replica()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);
        peer.Model.BrokerDown(4);
        peer.Model.BrokerReady(4, TimeSpan.FromHours(1)); // back, but not in sync yet
        peer.Model.BrokerDown(3); // events-0 [3,4]: Kafka keeps 3 in its ISR, and it has no leader

        var result = await admin.PartitionReplicasAsync();

        Assert.True(result.Succeeded, result.ToString());
        var events0 = result.Value.Single(p => p.Id == new TopicPartition("events", 0));
        Assert.Empty(events0.Isr);
        Assert.Equal(-1, events0.Leader);
        var verdict = BrokerRestartGate.Decide(result.Value, 4);
        Assert.Contains(verdict.Holds, h => h is { Reason: RestartHoldReason.AlreadyUnderMinIsr, Partition.Topic: "events", Partition.Partition: 0 });
    }
}
