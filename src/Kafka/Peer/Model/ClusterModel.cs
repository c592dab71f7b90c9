using Actors.Kafka.Features;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// The peer's live cluster state, shared by the connections that answer from it and the test
/// (or embedded-mode simulation) that drives it. Changes swap a whole immutable
/// <see cref="ClusterState"/>, so every answer sees one consistent moment.
/// </summary>
public sealed class ClusterModel(ClusterState initial, TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private ClusterState _state = initial;

    /// <summary>The clock DescribeQuorum timestamps are computed from.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public ClusterState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>Applies a change atomically and returns what it produced alongside the new state.</summary>
    public T Update<T>(Func<ClusterState, (ClusterState Next, T Result)> change)
    {
        lock (_gate)
        {
            var (next, result) = change(_state);
            _state = next;
            return result;
        }
    }

    public void Update(Func<ClusterState, ClusterState> change) => Update(s => (change(s), 0));

    public void ElectLeader(int nodeId) => Update(s => s with { Quorum = s.Quorum.WithLeader(nodeId) });

    /// <summary>No leader: an election in progress.</summary>
    public void LoseLeader() => Update(s => s with { Quorum = s.Quorum with { LeaderId = QuorumState.NoLeader } });

    public void SetVoterLag(int nodeId, long offsetLag, TimeSpan caughtUpLag) => Update(s => s with
    {
        Quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(nodeId) with { OffsetLag = offsetLag, CaughtUpLag = caughtUpLag }),
    });

    public void CatchUpVoter(int nodeId) => Update(s => s with
    {
        Quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(nodeId).CaughtUp()),
    });

    /// <summary>A node now runs software supporting metadata.version up to <paramref name="maxLevel"/> (an image roll).</summary>
    public void SetNodeSupport(int nodeId, MetadataVersion maxLevel, short minLevel = 1) =>
        Update(s => s.WithNodeSupport(new NodeFeatureSupport(nodeId, minLevel, maxLevel.Level)));
}
