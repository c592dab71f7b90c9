namespace Actors.Kafka.Peer.Model;

/// <summary>
/// The controller quorum: its voters, the leader (-1 while an election is on), the leader's
/// epoch and the metadata log's end offset. Observers are brokers following the log.
/// </summary>
public sealed record QuorumState(
    int LeaderId,
    int LeaderEpoch,
    long LogEndOffset,
    IReadOnlyList<QuorumVoter> Voters,
    IReadOnlyList<int> Observers)
{
    public const int NoLeader = -1;

    public QuorumVoter? Voter(int nodeId) => Voters.FirstOrDefault(v => v.NodeId == nodeId);

    public QuorumVoter RequireVoter(int nodeId) =>
        Voter(nodeId) ?? throw new ArgumentException($"node {nodeId} is not a voter of the quorum", nameof(nodeId));

    /// <summary>A new leader in a new epoch; the leader is by definition caught up with itself.</summary>
    public QuorumState WithLeader(int nodeId) =>
        Voter(nodeId) is null && nodeId != NoLeader
            ? throw new ArgumentException($"node {nodeId} is not a voter of the quorum", nameof(nodeId))
            : this with
            {
                LeaderId = nodeId,
                LeaderEpoch = LeaderEpoch + 1,
                Voters = Voters.Select(v => v.NodeId == nodeId ? v.CaughtUp() : v).ToList(),
            };

    public QuorumState WithVoter(QuorumVoter voter) =>
        Voter(voter.NodeId) is null
            ? throw new ArgumentException($"node {voter.NodeId} is not a voter of the quorum", nameof(voter))
            : this with { Voters = Voters.Select(v => v.NodeId == voter.NodeId ? voter : v).ToList() };
}
