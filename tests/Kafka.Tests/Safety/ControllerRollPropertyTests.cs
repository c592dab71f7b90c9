using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Apis;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Safety;
using Actors.Kafka.Tests.Peer;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

// A controller roll that restarts a voter only when the gate, fed the peer's DescribeQuorum
// answer, is open — interleaved with any sequence of voters falling behind, catching up and
// leader elections: no gated restart leaves the quorum without a caught-up majority, and the
// active controller is never restarted while another voter still awaits its restart.
public class ControllerRollPropertyTests
{
    private enum Act { GatedRestart, Lag, CatchUp, Elect }

    private sealed record Step(Act Act, int Voter, int Seconds);

    private static readonly TimeSpan FetchTimeout = ControllerRestartGate.DefaultFetchTimeout;

    private static readonly Gen<Step> Steps =
        from act in Gen.Elements(Enum.GetValues<Act>())
        from voter in Gen.Choose(0, 4)
        from seconds in Gen.Choose(0, 10)
        select new Step(act, voter, seconds);

    private static ControllerQuorum Quorum(ClusterModel model) =>
        ControllerQuorum.From(DescribeQuorumApi.Describe(model.State, DescribeQuorumRequest.ForControllerQuorum(), model.Time.GetUtcNow())
            .Topics[0].Partitions[0]);

    [SeededProperty]
    public Property A_gated_controller_roll_keeps_a_caught_up_majority_and_restarts_the_leader_last() =>
        Prop.ForAll(Gen.ListOf(Steps).ToArbitrary(), Gen.Elements(3, 5).ToArbitrary(), (steps, voters) =>
        {
            var model = new ClusterModel(ClusterState.Healthy(voters, 3, Features.MetadataVersion.V3_8_IV0, Features.MetadataVersion.V3_9_IV0));
            var awaiting = Enumerable.Range(0, voters).ToHashSet();
            foreach (var step in steps)
            {
                var voter = step.Voter % voters;
                switch (step.Act)
                {
                    case Act.GatedRestart when awaiting.Contains(voter):
                        var quorum = Quorum(model);
                        if (!ControllerRestartGate.Decide(quorum, voter, awaiting, FetchTimeout).IsOpen)
                            break;
                        var leader = quorum.Voter(quorum.LeaderId)!;
                        var caughtUpOthers = quorum.Voters.Count(v => v.NodeId != voter
                            && ControllerRestartGate.IsCaughtUp(v, leader.LastCaughtUpTimestampMs, (long)FetchTimeout.TotalMilliseconds));
                        if (caughtUpOthers < quorum.Majority)
                            return false.Label($"restarted {voter} with {caughtUpOthers} caught-up others of {voters}");
                        if (voter == quorum.LeaderId && awaiting.Count > 1)
                            return false.Label($"restarted the leader {voter} while {string.Join(",", awaiting)} awaited");
                        awaiting.Remove(voter);
                        // The restarted voter comes back behind; a restarted leader hands over first.
                        if (voter == quorum.LeaderId)
                            model.ElectLeader(quorum.Voters.First(v => v.NodeId != voter).NodeId);
                        model.SetVoterLag(voter, 100, TimeSpan.FromSeconds(5 + step.Seconds));
                        break;
                    case Act.Lag when voter != Quorum(model).LeaderId:
                        model.SetVoterLag(voter, 10, TimeSpan.FromSeconds(step.Seconds));
                        break;
                    case Act.CatchUp:
                        model.CatchUpVoter(voter);
                        break;
                    case Act.Elect:
                        model.ElectLeader(voter);
                        break;
                }
            }
            return true.ToProperty();
        });
}
