using Actors.Kafka.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

public class BrokerRemovalGateTests
{
    private static PartitionReplicas P(string topic, int index, params int[] replicas) =>
        new(new TopicPartition(topic, index), replicas, replicas, replicas[0], 1);

    [Fact]
    public void A_broker_holding_replicas_may_not_be_removed_and_the_topics_are_named_once_in_order()
    {
        var verdict = BrokerRemovalGate.Decide([P("orders", 0, 1, 6), P("orders", 1, 6, 2), P("audit", 0, 6), P("events", 0, 1, 2)], 6);

        Assert.False(verdict.IsOpen);
        Assert.Equal(["audit", "orders"], verdict.Topics);
        Assert.Equal(3, verdict.ReplicaCount);
        Assert.Equal("broker 6 still holds 3 partition replica(s) of topic(s) audit, orders; reassign them before removing it", verdict.Message);
    }

    [Fact]
    public void A_drained_broker_may_be_removed()
    {
        var verdict = BrokerRemovalGate.Decide([P("orders", 0, 1, 2)], 6);

        Assert.True(verdict.IsOpen);
        Assert.Empty(verdict.Topics);
    }

    [SeededProperty]
    public Property The_removal_gate_is_open_exactly_when_no_partition_has_a_replica_on_the_broker() =>
        Prop.ForAll(PartitionGen.Cluster.ToArbitrary(), PartitionGen.Broker.ToArbitrary(), (partitions, broker) =>
        {
            var verdict = BrokerRemovalGate.Decide(partitions, broker);
            var hosting = partitions.Where(p => p.Replicas.Contains(broker)).ToList();
            return verdict.IsOpen == (hosting.Count == 0)
                && verdict.Topics.ToHashSet().SetEquals(hosting.Select(p => p.Id.Topic))
                && verdict.ReplicaCount == hosting.Count;
        });
}
