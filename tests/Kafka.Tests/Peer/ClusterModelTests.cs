using Actors.Kafka.Peer.Model;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kafka.Tests.Peer;

// The peer's partition model as tests and embedded mode drive it; time moves only on the fake clock.
public class ClusterModelTests
{
    private static PeerPartition Partition(ClusterModel model, string topic, int index) => model.State.RequireTopic(topic).Partition(index);

    [Fact]
    public void Topics_get_replicas_round_robin_over_the_live_brokers_all_in_sync_and_led_by_the_first()
    {
        var model = SampleCluster.Model();

        Assert.Equal([4, 5, 3], Partition(model, "orders", 1).Replicas);
        Assert.Equal([4, 5, 3], Partition(model, "orders", 1).Isr);
        Assert.Equal(4, Partition(model, "orders", 1).Leader);
        Assert.Equal([4, 5], Partition(model, "events", 1).Replicas);
        Assert.NotEqual(model.State.RequireTopic("orders").Id, model.State.RequireTopic("events").Id);
    }

    [Fact]
    public void A_broker_going_down_leaves_every_isr_and_hands_its_leaderships_to_the_next_in_sync_replica()
    {
        var model = SampleCluster.Model();
        var epochBefore = Partition(model, "orders", 1).LeaderEpoch;

        model.BrokerDown(4);

        var partitions = model.State.Topics.SelectMany(t => t.Partitions).ToList();
        Assert.All(partitions, p => Assert.DoesNotContain(4, p.Isr));
        Assert.All(partitions, p => Assert.NotEqual(4, p.Leader));
        Assert.Equal(5, Partition(model, "orders", 1).Leader);
        Assert.Equal(epochBefore + 1, Partition(model, "orders", 1).LeaderEpoch);
        Assert.Equal(3, Partition(model, "orders", 0).Leader); // not led by 4: unchanged
        Assert.DoesNotContain(model.State.LiveBrokers, b => b.NodeId == 4);
    }

    [Fact]
    public void A_ready_broker_rejoins_its_isrs_only_after_the_rejoin_delay_on_the_models_clock()
    {
        var time = new FakeTimeProvider(TestTime.Start);
        var model = SampleCluster.Model(time);
        model.BrokerDown(4);

        model.BrokerReady(4, rejoinAfter: TimeSpan.FromSeconds(30));
        Assert.Contains(model.State.LiveBrokers, b => b.NodeId == 4); // listed at once …
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(4, Partition(model, "orders", 0).Isr); // … but not yet in sync

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([3, 4, 5], Partition(model, "orders", 0).Isr);
        Assert.Equal([4, 5], Partition(model, "events", 1).Isr);
        Assert.Equal(5, Partition(model, "orders", 1).Leader); // no automatic preferred-leader election
    }

    [Fact]
    public void The_rejoin_delay_defaults_to_the_clusters_setting()
    {
        var time = new FakeTimeProvider(TestTime.Start);
        var model = SampleCluster.Model(time);
        model.SetIsrRejoinDelay(TimeSpan.FromMinutes(2));
        model.BrokerDown(5);

        model.BrokerReady(5);
        time.Advance(TimeSpan.FromSeconds(119));
        Assert.DoesNotContain(5, Partition(model, "orders", 2).Isr);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains(5, Partition(model, "orders", 2).Isr);
    }

    [Fact]
    public void The_last_in_sync_replica_stays_in_the_isr_when_it_goes_down_and_the_partition_has_no_leader_until_it_returns()
    {
        var time = new FakeTimeProvider(TestTime.Start);
        var model = SampleCluster.Model(time);
        model.BrokerDown(4); // events-0 [3,4]: ISR [3]
        model.BrokerDown(3); // the last in-sync replica

        Assert.Equal([3], Partition(model, "events", 0).Isr);
        Assert.Equal(PeerPartition.NoLeader, Partition(model, "events", 0).Leader);

        // 4 catches up first, but there is no leader to fetch from: it stays out.
        model.BrokerReady(4, TimeSpan.Zero);
        Assert.Equal([3], Partition(model, "events", 0).Isr);

        model.BrokerReady(3, TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, Partition(model, "events", 0).Leader);
        Assert.Equal([3, 4], Partition(model, "events", 0).Isr);
    }

    [Fact]
    public void Set_isr_moves_leadership_off_a_replica_that_left_it_and_refuses_brokers_without_a_replica()
    {
        var model = SampleCluster.Model();

        model.SetIsr("orders", 0, 4, 5);

        Assert.Equal([4, 5], Partition(model, "orders", 0).Isr);
        Assert.Equal(4, Partition(model, "orders", 0).Leader);
        Assert.Throws<ArgumentException>(() => model.SetIsr("events", 0, 5));
    }

    [Fact]
    public void Moving_replicas_drains_a_broker()
    {
        var model = SampleCluster.Model();

        model.MoveReplicas("events", 0, 4, 5);

        Assert.Equal([4, 5], Partition(model, "events", 0).Replicas);
        Assert.Equal([4, 5], Partition(model, "events", 0).Isr);
        Assert.Equal(4, Partition(model, "events", 0).Leader);
    }
}
