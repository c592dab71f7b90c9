using System.Security.Cryptography;
using System.Text;
using Actors.Kafka.Features;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// What the peer knows about its cluster at one moment: the controller quorum, what each node
/// (broker or controller) supports, the finalized metadata.version with its epoch, the brokers,
/// the topics with their partitions, and the configs set on the brokers cluster-wide.
/// Immutable; <see cref="ClusterModel"/> swaps whole states.
/// </summary>
public sealed record ClusterState(
    QuorumState Quorum,
    IReadOnlyList<NodeFeatureSupport> Nodes,
    short MetadataVersionLevel,
    long FinalizedFeaturesEpoch)
{
    /// <summary>Like a KRaft cluster id: 16 bytes in URL-safe base64, 22 characters.</summary>
    public string ClusterId { get; init; } = "YWN0b3JzLWthZmthcGVlcg";

    public IReadOnlyList<PeerBroker> Brokers { get; init; } = [];

    public IReadOnlyList<PeerTopic> Topics { get; init; } = [];

    /// <summary>Broker configs set for every broker (server.properties), e.g. min.insync.replicas.</summary>
    public IReadOnlyDictionary<string, string> BrokerConfigs { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a broker whose pod became Ready takes to rejoin the ISRs, unless told otherwise.</summary>
    public TimeSpan IsrRejoinDelay { get; init; } = TimeSpan.FromSeconds(10);

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
        return new ClusterState(quorum, nodes, finalized.Level, FinalizedFeaturesEpoch: 1)
        {
            Brokers = brokerIds.Select(id => new PeerBroker(id)).ToList(),
        };
    }

    /// <summary>The levels every node can run: the answer a cluster gives as a whole.</summary>
    public (short Min, short Max) SupportedMetadataVersions =>
        Nodes.Count == 0 ? ((short)0, (short)0)
            : (Nodes.Max(n => n.MinMetadataVersion), Nodes.Min(n => n.MaxMetadataVersion));

    /// <summary>Registered, unfenced brokers: the ones Metadata and DescribeCluster list.</summary>
    public IReadOnlyList<PeerBroker> LiveBrokers => Brokers.Where(b => b.IsUp).OrderBy(b => b.NodeId).ToList();

    public PeerBroker? Broker(int nodeId) => Brokers.FirstOrDefault(b => b.NodeId == nodeId);

    public PeerBroker RequireBroker(int nodeId) =>
        Broker(nodeId) ?? throw new ArgumentException($"node {nodeId} is not a broker of the cluster", nameof(nodeId));

    public PeerTopic? Topic(string name) => Topics.FirstOrDefault(t => t.Name == name);

    public PeerTopic RequireTopic(string name) =>
        Topic(name) ?? throw new ArgumentException($"the cluster has no topic {name}", nameof(name));

    public bool IsInSyncCandidate(int nodeId) => Broker(nodeId) is { IsUp: true, IsCatchingUp: false };

    public ClusterState WithNodeSupport(NodeFeatureSupport support) => this with
    {
        Nodes = Nodes.Where(n => n.NodeId != support.NodeId).Append(support).OrderBy(n => n.NodeId).ToList(),
    };

    public ClusterState WithBroker(PeerBroker broker) => this with
    {
        Brokers = Brokers.Where(b => b.NodeId != broker.NodeId).Append(broker).OrderBy(b => b.NodeId).ToList(),
    };

    public ClusterState WithTopic(PeerTopic topic) => this with
    {
        Topics = Topics.Where(t => t.Name != topic.Name).Append(topic).OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
    };

    /// <summary>Every partition of every topic through <paramref name="change"/>.</summary>
    public ClusterState WithPartitions(Func<PeerPartition, PeerPartition> change) => this with
    {
        Topics = Topics.Select(t => t with { Partitions = t.Partitions.Select(change).ToList() }).ToList(),
    };

    /// <summary>
    /// A new topic with replicas assigned round robin over the live brokers, as Kafka assigns
    /// them without racks: partition p starts at the p-th broker. Every in-sync-capable replica
    /// starts in the ISR; the first leads.
    /// </summary>
    public ClusterState WithNewTopic(string name, int partitions, int replicationFactor, IReadOnlyDictionary<string, string>? configs = null)
    {
        if (Topic(name) is not null)
            throw new ArgumentException($"topic {name} exists", nameof(name));
        var brokers = LiveBrokers.Select(b => b.NodeId).ToList();
        if (replicationFactor < 1 || replicationFactor > brokers.Count)
            throw new ArgumentException($"replication factor {replicationFactor} needs 1..{brokers.Count} live brokers", nameof(replicationFactor));
        var assigned = Enumerable.Range(0, partitions).Select(p =>
        {
            var replicas = Enumerable.Range(0, replicationFactor).Select(i => brokers[(p + i) % brokers.Count]).ToList();
            var isr = replicas.Where(IsInSyncCandidate).ToList();
            return new PeerPartition(p, replicas, isr, isr.FirstOrDefault(PeerPartition.NoLeader));
        }).ToList();
        return WithTopic(new PeerTopic(name, TopicIdOf(name), assigned, configs ?? new Dictionary<string, string>()));
    }

    /// <summary>Brokers whose catch-up time has come rejoin their partitions' ISRs.</summary>
    public ClusterState CaughtUpAt(DateTimeOffset now)
    {
        var state = this;
        foreach (var broker in Brokers.Where(b => b.IsCatchingUp && b.RejoinsIsrAt <= now))
        {
            var caughtUp = state.WithBroker(broker with { RejoinsIsrAt = null });
            state = caughtUp.WithPartitions(p => PartitionReplication.BrokerCaughtUp(p, broker.NodeId, caughtUp.IsInSyncCandidate));
        }
        return state;
    }

    /// <summary>A stable topic id from the name, so runs and tests see the same ids.</summary>
    public static KafkaUuid TopicIdOf(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return new KafkaUuid(BitConverter.ToInt64(hash, 0), BitConverter.ToInt64(hash, 8));
    }
}
