using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>
/// When the cluster grain looks again without an event: the coordinator's decision says when
/// (<see cref="Requeue"/>), the cluster grain takes the earliest of that, a refused write's back-off
/// and the resync (<see cref="NextPass"/>), and schedules exactly that.
/// </summary>
public sealed class RequeueTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 16, 0, 0, TimeSpan.Zero);
    private static readonly OperationState InFlight = new(OperationKind.Roll, Now, []);

    [Fact]
    public void A_cluster_at_rest_asks_for_nothing() =>
        Assert.Null(Requeue.After(new RolloutDecision(new Done(), null), Interval));

    [Fact]
    public void Done_with_an_operation_still_recorded_asks_for_another_look() =>
        Assert.Equal(Interval, Requeue.After(new RolloutDecision(new Done(), InFlight), Interval));

    [Fact]
    public void A_wait_with_a_deadline_of_its_own_is_looked_at_exactly_then() =>
        Assert.Equal(TimeSpan.FromSeconds(27),
            Requeue.After(new RolloutDecision(new Wait(WaitReasons.NodeNotReady, "min ready", TimeSpan.FromSeconds(27)), InFlight), Interval));

    [Fact]
    public void A_block_or_a_wait_for_an_event_is_looked_at_after_the_requeue_interval()
    {
        Assert.Equal(Interval, Requeue.After(new RolloutDecision(new Blocked("RollBlocked", "gate closed"), InFlight), Interval));
        Assert.Equal(Interval, Requeue.After(new RolloutDecision(new Wait(WaitReasons.NodeNotReady, "starting"), InFlight), Interval));
        Assert.Equal(Interval, Requeue.After(new RolloutDecision(new CreateNode(NodeKey.Broker(0), "r", false), InFlight), Interval));
    }

    [Fact]
    public void Without_a_request_or_a_back_off_the_next_pass_is_the_resync() =>
        Assert.Equal(Resync, NextPass.After(null, null, Now, Interval, Resync));

    [Fact]
    public void The_earliest_of_request_back_off_and_resync_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), NextPass.After(TimeSpan.FromSeconds(3), Now.AddSeconds(10), Now, Interval, Resync));
        Assert.Equal(TimeSpan.FromSeconds(10), NextPass.After(TimeSpan.FromSeconds(30), Now.AddSeconds(10), Now, Interval, Resync));
        Assert.Equal(Resync, NextPass.After(TimeSpan.FromHours(1), null, Now, Interval, Resync));
    }

    [Fact]
    public void A_back_off_is_never_shorter_than_the_requeue_interval_but_a_request_may_be()
    {
        Assert.Equal(Interval, NextPass.After(null, Now.AddMilliseconds(100), Now, Interval, Resync));
        Assert.Equal(TimeSpan.FromMilliseconds(100), NextPass.After(TimeSpan.FromMilliseconds(100), null, Now, Interval, Resync));
        Assert.Equal(TimeSpan.Zero, NextPass.After(TimeSpan.FromSeconds(-1), null, Now, Interval, Resync));
    }
}
