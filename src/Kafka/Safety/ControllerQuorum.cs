using Actors.Kafka.Messages;

namespace Actors.Kafka.Safety;

/// <summary>
/// How far one voter is with the metadata log: the last time (the leader's clock, epoch
/// milliseconds) it had caught up with the leader's end offset; -1 when it never has, or the
/// leader does not say.
/// </summary>
public sealed record VoterProgress(int NodeId, long LastCaughtUpTimestampMs);

/// <summary>
/// What <see cref="ControllerRestartGate"/> needs from DescribeQuorum: the leader (-1 while an
/// election is on) and every voter's progress. The leader reports its own caught-up time as
/// "now", which is the clock every other voter is measured against.
/// </summary>
public sealed record ControllerQuorum(int LeaderId, IReadOnlyList<VoterProgress> Voters)
{
    public const int NoLeader = -1;

    public VoterProgress? Voter(int nodeId) => Voters.FirstOrDefault(v => v.NodeId == nodeId);

    /// <summary>Votes needed to elect a leader and commit: more than half of the voters.</summary>
    public int Majority => Voters.Count / 2 + 1;

    public static ControllerQuorum From(QuorumPartition partition) => new(
        partition.LeaderId,
        partition.CurrentVoters.Select(v => new VoterProgress(v.ReplicaId, v.LastCaughtUpTimestamp)).ToList());
}
