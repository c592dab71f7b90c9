using Actors.Kafka.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

public class BrokerRestartGateTests
{
    private static PartitionReplicas P(string topic, int index, int[] replicas, int[] isr, int minIsr) =>
        new(new TopicPartition(topic, index), replicas, isr, isr.FirstOrDefault(-1), minIsr);

    [Fact]
    public void A_partition_with_a_spare_in_sync_replica_lets_the_broker_restart()
    {
        var verdict = BrokerRestartGate.Decide([P("orders", 0, [1, 2, 3], [1, 2, 3], 2)], 1);

        Assert.True(verdict.IsOpen);
        Assert.Empty(verdict.Holds);
        Assert.Contains("broker 1 may restart", verdict.Message);
    }

    [Fact]
    public void A_partition_at_min_isr_with_the_broker_in_sync_holds_it_and_is_named()
    {
        var verdict = BrokerRestartGate.Decide([P("orders", 0, [1, 2, 3], [1, 2], 2), P("orders", 1, [2, 3, 1], [2, 3, 1], 2)], 1);

        Assert.False(verdict.IsOpen);
        var hold = Assert.Single(verdict.Holds);
        Assert.Equal(new RestartHold(new TopicPartition("orders", 0), RestartHoldReason.WouldDropBelowMinIsr, 2, 2), hold);
        Assert.Equal("broker 1 must not restart yet: orders-0 would drop to 1 in-sync replica(s), below min.insync.replicas 2", verdict.Message);
    }

    [Fact]
    public void A_hosted_partition_already_under_min_isr_holds_it_even_with_the_broker_out_of_sync()
    {
        var verdict = BrokerRestartGate.Decide([P("events", 3, [1, 2, 3], [2], 2)], 1);

        var hold = Assert.Single(verdict.Holds);
        Assert.Equal(RestartHoldReason.AlreadyUnderMinIsr, hold.Reason);
        Assert.Contains("events-3 is already under min.insync.replicas (1 of 2 in sync)", verdict.Message);
    }

    [Fact]
    public void Partitions_the_broker_does_not_host_never_hold_it()
    {
        var verdict = BrokerRestartGate.Decide([P("events", 0, [2, 3], [2], 2)], 1);

        Assert.True(verdict.IsOpen);
    }

    [Fact]
    public void The_message_names_the_first_holds_in_order_and_counts_the_rest()
    {
        var partitions = Enumerable.Range(0, 8).Select(i => P(i % 2 == 0 ? "b" : "a", i, [1, 2], [1, 2], 2)).ToList();

        var verdict = BrokerRestartGate.Decide(partitions, 2);

        Assert.Equal(8, verdict.Holds.Count);
        Assert.Equal(["a-1", "a-3", "a-5", "a-7", "b-0", "b-2", "b-4", "b-6"], verdict.Holds.Select(h => h.Partition.ToString()));
        Assert.StartsWith("broker 2 must not restart yet: a-1 would drop", verdict.Message);
        Assert.EndsWith("; and 3 more partition(s)", verdict.Message);
        Assert.DoesNotContain("b-2", verdict.Message);
    }

    /// <summary>The safety property: an open gate means the restart leaves every partition the broker hosts at or above its min ISR.</summary>
    [SeededProperty]
    public Property The_gate_never_opens_when_restarting_would_leave_a_hosted_partition_under_min_isr() =>
        Prop.ForAll(PartitionGen.Cluster.ToArbitrary(), PartitionGen.Broker.ToArbitrary(), (partitions, broker) =>
        {
            var verdict = BrokerRestartGate.Decide(partitions, broker);
            var afterRestart = partitions
                .Where(p => p.Replicas.Contains(broker))
                .Select(p => p with { Isr = p.Isr.Where(id => id != broker).ToList() });
            return !verdict.IsOpen || afterRestart.All(p => p.Isr.Count >= p.MinInSyncReplicas);
        });

    /// <summary>And it holds for no other reason: exactly the hosted partitions that would be, or already are, under min ISR are named.</summary>
    [SeededProperty]
    public Property The_gate_names_exactly_the_partitions_that_would_be_under_min_isr() =>
        Prop.ForAll(PartitionGen.Cluster.ToArbitrary(), PartitionGen.Broker.ToArbitrary(), (partitions, broker) =>
        {
            var expected = partitions
                .Where(p => p.Replicas.Contains(broker) && p.Isr.Count(id => id != broker) < p.MinInSyncReplicas)
                .Select(p => p.Id)
                .OrderBy(id => id.Topic, StringComparer.Ordinal).ThenBy(id => id.Partition);
            var verdict = BrokerRestartGate.Decide(partitions, broker);
            return verdict.Holds.Select(h => h.Partition).SequenceEqual(expected)
                && verdict.IsOpen == (verdict.Holds.Count == 0)
                && verdict.Holds.All(h => verdict.Message.Contains(h.Partition.ToString()) || verdict.Holds.Count > RestartVerdict.NamedInMessage);
        });
}
