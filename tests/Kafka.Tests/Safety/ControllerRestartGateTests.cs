using Actors.Kafka.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

public class ControllerRestartGateTests
{
    private const long Now = 1_700_000_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(2000);

    /// <summary>Leader 0; the others caught up the given milliseconds before it (-1: never).</summary>
    private static ControllerQuorum Quorum(params (int Id, long BehindMs)[] followers) =>
        new(0, [new VoterProgress(0, Now), .. followers.Select(f => new VoterProgress(f.Id, f.BehindMs < 0 ? -1 : Now - f.BehindMs))]);

    [Fact]
    public void A_follower_may_restart_when_every_other_voter_is_caught_up()
    {
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, 1500)), 1, [1, 2], Timeout);

        Assert.True(verdict.IsOpen, verdict.Message);
        Assert.Equal("controller 1 may restart: the quorum keeps a caught-up majority without it", verdict.Message);
    }

    [Fact]
    public void A_lagging_voter_holds_another_controllers_restart_and_is_named()
    {
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, 4500)), 1, [1, 2], Timeout);

        Assert.False(verdict.IsOpen);
        Assert.Equal([2], verdict.LaggingVoters);
        Assert.Equal(
            "controller 1 must not restart yet: voter(s) 2 not caught up with leader 0 within controller.quorum.fetch.timeout.ms 2000 (2 4500 ms behind); " +
            "without it 1 of 3 voter(s) would be caught up, fewer than the majority of 2",
            verdict.Message);
    }

    [Fact]
    public void The_lagging_voter_itself_may_restart_when_the_rest_are_a_caught_up_majority()
    {
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, -1)), 2, [2], Timeout);

        Assert.True(verdict.IsOpen, verdict.Message);
    }

    [Fact]
    public void A_voter_exactly_one_fetch_timeout_behind_is_caught_up_and_one_millisecond_more_is_not()
    {
        Assert.True(ControllerRestartGate.Decide(Quorum((1, 0), (2, 2000)), 1, [], Timeout).IsOpen);
        Assert.Equal([2], ControllerRestartGate.Decide(Quorum((1, 0), (2, 2001)), 1, [], Timeout).LaggingVoters);
    }

    [Fact]
    public void The_active_controller_goes_last()
    {
        var quorum = Quorum((1, 0), (2, 0));

        var first = ControllerRestartGate.Decide(quorum, 0, [0, 2], Timeout);
        var last = ControllerRestartGate.Decide(quorum, 0, [0], Timeout);

        var hold = Assert.Single(first.Holds);
        Assert.Equal(QuorumHoldReason.ActiveControllerGoesLast, hold.Reason);
        Assert.Equal([2], hold.Voters);
        Assert.Contains("it is the active controller and goes last: voter(s) 2 still await their restart", first.Message);
        Assert.True(last.IsOpen, last.Message);
    }

    [Fact]
    public void Without_a_leader_no_controller_may_restart()
    {
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, 0)) with { LeaderId = -1 }, 1, [], Timeout);

        Assert.Equal(QuorumHoldReason.NoLeader, Assert.Single(verdict.Holds).Reason);
        Assert.Contains("the quorum has no leader", verdict.Message);
    }

    [Fact]
    public void A_node_that_is_not_a_voter_is_held_and_named()
    {
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, 0)), 7, [], Timeout);

        Assert.Equal(QuorumHoldReason.NotAVoter, Assert.Single(verdict.Holds).Reason);
        Assert.Contains("node 7 is not a voter of the quorum (voters 0, 1, 2)", verdict.Message);
    }

    [Fact]
    public void A_single_voter_quorum_never_lets_its_controller_restart()
    {
        var verdict = ControllerRestartGate.Decide(Quorum(), 0, [0], Timeout);

        Assert.Equal(QuorumHoldReason.NoMajorityWithout, Assert.Single(verdict.Holds).Reason);
    }

    [Fact]
    public void Five_voters_tolerate_nothing_lagging_while_one_restarts()
    {
        // 3 of 5 would still be a majority without voter 1, but voter 4 lagging is one failure
        // away from an unavailable quorum while 1 is down: held.
        var verdict = ControllerRestartGate.Decide(Quorum((1, 0), (2, 0), (3, 0), (4, 9000)), 1, [], Timeout);

        Assert.Equal([QuorumHoldReason.VotersLagging], verdict.Holds.Select(h => h.Reason));
        Assert.Equal([4], verdict.LaggingVoters);
    }

    /// <summary>Every condition, computed here independently of the gate.</summary>
    private static bool AllConditionsHold(ControllerQuorum quorum, int controller, int[] awaiting, TimeSpan timeout)
    {
        var leader = quorum.Voters.FirstOrDefault(v => v.NodeId == quorum.LeaderId);
        if (leader is null || leader.LastCaughtUpTimestampMs < 0 || quorum.Voters.All(v => v.NodeId != controller))
            return false;
        var others = quorum.Voters.Where(v => v.NodeId != controller).ToList();
        bool caughtUp(VoterProgress v) => v.LastCaughtUpTimestampMs >= 0 && leader.LastCaughtUpTimestampMs - v.LastCaughtUpTimestampMs <= timeout.TotalMilliseconds;
        var leaderGoesLast = controller != quorum.LeaderId || awaiting.All(id => id == controller || quorum.Voters.All(v => v.NodeId != id));
        return others.All(caughtUp) && others.Count(caughtUp) > quorum.Voters.Count / 2 && leaderGoesLast;
    }

    /// <summary>The safety property, and its converse: open exactly when every condition holds.</summary>
    [SeededProperty]
    public Property The_gate_is_open_exactly_when_the_quorum_stays_available_without_the_controller() =>
        Prop.ForAll(QuorumGen.Quorum.ToArbitrary(), QuorumGen.Controller.Zip(QuorumGen.Awaiting).ToArbitrary(), QuorumGen.FetchTimeout.ToArbitrary(),
            (quorum, restart, timeout) =>
                ControllerRestartGate.Decide(quorum, restart.Item1, restart.Item2, timeout).IsOpen == AllConditionsHold(quorum, restart.Item1, restart.Item2, timeout));

    [SeededProperty]
    public Property The_leader_is_never_let_through_while_another_voter_awaits_its_restart() =>
        Prop.ForAll(QuorumGen.Quorum.ToArbitrary(), QuorumGen.Awaiting.ToArbitrary(), QuorumGen.FetchTimeout.ToArbitrary(), (quorum, awaiting, timeout) =>
        {
            var verdict = ControllerRestartGate.Decide(quorum, quorum.LeaderId, awaiting, timeout);
            var othersAwait = awaiting.Any(id => id != quorum.LeaderId && quorum.Voter(id) is not null);
            return !(verdict.IsOpen && othersAwait);
        });

    /// <summary>The lagging voters named are exactly the others behind the leader by more than the timeout, each in the message.</summary>
    [SeededProperty]
    public Property The_gate_names_exactly_the_lagging_voters() =>
        Prop.ForAll(QuorumGen.Quorum.ToArbitrary(), QuorumGen.Controller.ToArbitrary(), QuorumGen.FetchTimeout.ToArbitrary(), (quorum, controller, timeout) =>
        {
            var leader = quorum.Voter(quorum.LeaderId);
            var verdict = ControllerRestartGate.Decide(quorum, controller, [], timeout);
            if (leader is null || leader.LastCaughtUpTimestampMs < 0)
                return verdict.Holds.Any(h => h.Reason == QuorumHoldReason.NoLeader) && !verdict.IsOpen;
            var expected = quorum.Voters
                .Where(v => v.NodeId != controller && (v.LastCaughtUpTimestampMs < 0 || leader.LastCaughtUpTimestampMs - v.LastCaughtUpTimestampMs > timeout.TotalMilliseconds))
                .Select(v => v.NodeId).Order();
            return verdict.LaggingVoters.SequenceEqual(expected)
                && verdict.LaggingVoters.All(id => verdict.Message.Contains($"{id} ") && !verdict.IsOpen);
        });
}
