using k8s.Models;
using Actors.Silo.LeaderElection;

namespace Actors.Silo.Tests.LeaderElection;

public sealed class LeaseDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);

    private static V1LeaseSpec HeldBy(string holder, int seconds = 15) =>
        new() { HolderIdentity = holder, LeaseDurationSeconds = seconds, RenewTime = Now.AddHours(-1).UtcDateTime, LeaseTransitions = 3 };

    [Fact]
    public void A_missing_lease_is_created() =>
        Assert.Equal(LeaseAction.Create, LeaseDecision.Decide(null, "a", Now, Now));

    [Fact]
    public void Own_lease_is_renewed() =>
        Assert.Equal(LeaseAction.Renew, LeaseDecision.Decide(HeldBy("a"), "a", Now.AddMinutes(-5), Now));

    [Fact]
    public void Released_lease_is_acquired_without_waiting() =>
        Assert.Equal(LeaseAction.Acquire, LeaseDecision.Decide(HeldBy(""), "a", Now, Now));

    [Fact]
    public void Another_holder_is_waited_out_for_the_lease_duration_from_when_the_record_was_first_seen()
    {
        var lease = HeldBy("b");
        Assert.Equal(LeaseAction.StandBy, LeaseDecision.Decide(lease, "a", Now, Now.AddSeconds(14.999)));
        Assert.Equal(LeaseAction.Acquire, LeaseDecision.Decide(lease, "a", Now, Now.AddSeconds(15)));
    }

    [Fact]
    public void A_renew_time_far_in_the_past_does_not_cut_the_lease_short()
    {
        // The holder's clock may be behind ours: only our own observation time counts.
        Assert.Equal(LeaseAction.StandBy, LeaseDecision.Decide(HeldBy("b"), "a", Now, Now.AddSeconds(1)));
    }

    [Fact]
    public void Acquiring_counts_a_transition_and_renewing_keeps_acquire_time_and_transitions()
    {
        var acquired = LeaseDecision.Next(LeaseAction.Acquire, HeldBy("b"), "a", Now, TimeSpan.FromSeconds(15));
        Assert.Equal(("a", 4, Now.UtcDateTime, Now.UtcDateTime, 15), (acquired.HolderIdentity, acquired.LeaseTransitions, acquired.AcquireTime, acquired.RenewTime, acquired.LeaseDurationSeconds));

        var renewed = LeaseDecision.Next(LeaseAction.Renew, acquired, "a", Now.AddSeconds(2), TimeSpan.FromSeconds(15));
        Assert.Equal(("a", 4, Now.UtcDateTime, Now.AddSeconds(2).UtcDateTime), (renewed.HolderIdentity, renewed.LeaseTransitions, renewed.AcquireTime, renewed.RenewTime));
    }

    [Fact]
    public void Releasing_clears_the_holder_and_shortens_the_lease_to_one_second()
    {
        var released = LeaseDecision.Released(HeldBy("a"), Now);
        Assert.Equal(("", 1, 3), (released.HolderIdentity, released.LeaseDurationSeconds, released.LeaseTransitions));
    }

    [Fact]
    public void Timings_that_would_let_two_leaders_overlap_are_refused()
    {
        var options = new LeaderElectionOptions { LeaseNamespace = "ns", Identity = "a" };
        options.Validate();
        Assert.Throws<ArgumentException>(() => (options with { RenewDeadline = TimeSpan.FromSeconds(15) }).Validate());
        Assert.Throws<ArgumentException>(() => (options with { RetryPeriod = TimeSpan.FromSeconds(10) }).Validate());
    }

    [Fact]
    public void Identity_is_the_pod_name_when_the_downward_API_gives_one()
    {
        Assert.Equal("actors-operator-7d9f-x2", LeaderElectionOptions.DefaultIdentity(name => name == "POD_NAME" ? "actors-operator-7d9f-x2" : null));
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", LeaderElectionOptions.DefaultIdentity(_ => null));
    }
}
