using Actors.Kafka.Features;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// What the peer knows about its cluster at one moment: the controller quorum, what each node
/// (broker or controller) supports, and the finalized metadata.version with its epoch.
/// Immutable; <see cref="ClusterModel"/> swaps whole states.
/// </summary>
public sealed record ClusterState(
    QuorumState Quorum,
    IReadOnlyList<NodeFeatureSupport> Nodes,
    short MetadataVersionLevel,
    long FinalizedFeaturesEpoch)
{
    /// <summary>
    /// A healthy KRaft cluster: controllers 0..c-1 (the first leads, epoch 1), brokers numbered
    /// after them, every node running software that supports up to <paramref name="supportedUpTo"/>.
    /// </summary>
    public static ClusterState Healthy(int controllers, int brokers, MetadataVersion finalized, MetadataVersion supportedUpTo)
    {
        var voters = Enumerable.Range(0, controllers)
            .Select(id => new QuorumVoter(id, $"controller-{id}", 9093))
            .ToList();
        var brokerIds = Enumerable.Range(controllers, brokers).ToList();
        var nodes = voters.Select(v => v.NodeId).Concat(brokerIds)
            .Select(id => new NodeFeatureSupport(id, 1, supportedUpTo.Level))
            .ToList();
        var quorum = new QuorumState(LeaderId: 0, LeaderEpoch: 1, LogEndOffset: 1000, voters, brokerIds);
        return new ClusterState(quorum, nodes, finalized.Level, FinalizedFeaturesEpoch: 1);
    }

    /// <summary>The levels every node can run: the answer a cluster gives as a whole.</summary>
    public (short Min, short Max) SupportedMetadataVersions =>
        Nodes.Count == 0 ? ((short)0, (short)0)
            : (Nodes.Max(n => n.MinMetadataVersion), Nodes.Min(n => n.MaxMetadataVersion));

    public ClusterState WithNodeSupport(NodeFeatureSupport support) => this with
    {
        Nodes = Nodes.Where(n => n.NodeId != support.NodeId).Append(support).OrderBy(n => n.NodeId).ToList(),
    };
}
