using Actors.Kafka.Admin;
using Actors.Kafka.Safety;
using Actors.Kafka.Tests.Peer;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kafka.Tests.Admin;

// The gates fed by Confluent.Kafka over TCP from the peer, while the test moves the cluster
// through a roll step and a scale-in on a fake clock.
public class GateScenarioTests
{
    private static KafkaAdmin AdminFor(PeerFixture peer) =>
        new(new KafkaAdminOptions { BootstrapServers = peer.Peer.Endpoint.ToString() });

    private static async Task<RestartVerdict> MayRestart(KafkaAdmin admin, int broker)
    {
        var partitions = await admin.PartitionReplicasAsync();
        Assert.True(partitions.Succeeded, partitions.ToString());
        return BrokerRestartGate.Decide(partitions.Value, broker);
    }

    [Fact]
    public async Task The_next_broker_waits_until_the_restarted_one_rejoins_the_isrs_then_may_restart()
    {
        var time = new FakeTimeProvider(TestTime.Start);
        await using var peer = new PeerFixture(SampleCluster.Model(time));
        using var admin = AdminFor(peer);
        peer.Model.SetIsrRejoinDelay(TimeSpan.FromSeconds(45));

        // Roll step 1: broker 3 may restart (orders keeps 2 of 3 in sync, events needs only 1).
        Assert.True((await MayRestart(admin, 3)).IsOpen);
        peer.Model.BrokerDown(3);
        peer.Model.BrokerReady(3);

        // Broker 3's pod is Ready, but its replicas are not in sync: restarting 4 would leave
        // every orders partition with one in-sync replica and events-0 [3,4] with none.
        var waiting = await MayRestart(admin, 4);
        Assert.False(waiting.IsOpen);
        Assert.Equal(["events-0", "orders-0", "orders-1", "orders-2"], waiting.Holds.Select(h => h.Partition.ToString()));
        Assert.Contains("orders-0 would drop to 1 in-sync replica(s), below min.insync.replicas 2", waiting.Message);

        time.Advance(TimeSpan.FromSeconds(44));
        Assert.False((await MayRestart(admin, 4)).IsOpen);
        time.Advance(TimeSpan.FromSeconds(1));
        var recovered = await MayRestart(admin, 4);
        Assert.True(recovered.IsOpen, recovered.Message);
    }

    [Fact]
    public async Task A_broker_with_replicas_may_not_be_removed_until_they_are_moved_away()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = AdminFor(peer);

        var before = await admin.PartitionReplicasAsync();
        Assert.True(before.Succeeded, before.ToString());
        var blocked = BrokerRemovalGate.Decide(before.Value, 5);
        Assert.False(blocked.IsOpen);
        Assert.Equal(["events", "orders"], blocked.Topics);
        Assert.Equal(4, blocked.ReplicaCount);

        peer.Model.MoveReplicas("events", 1, 4, 3);
        var stillOrders = BrokerRemovalGate.Decide((await admin.PartitionReplicasAsync()).Value, 5);
        Assert.Equal(["orders"], stillOrders.Topics);

        foreach (var partition in new[] { 0, 1, 2 })
            peer.Model.MoveReplicas("orders", partition, 3, 4);
        var drained = BrokerRemovalGate.Decide((await admin.PartitionReplicasAsync()).Value, 5);
        Assert.True(drained.IsOpen, drained.Message);
    }
}
