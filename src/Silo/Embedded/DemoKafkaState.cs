using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;
using Actors.Kafka.Features;
using Actors.Kafka.Peer.Model;

namespace Actors.Silo.Embedded;

/// <summary>
/// What embedded mode's Kafka holds for one KafkaCluster before any pod runs: its nodes numbered
/// as the operator numbers them (brokers 0.., controllers 1000..), the brokers' config from the
/// spec, and a few demo topics kept three times with min.insync.replicas 2 — so a roll has
/// partitions to wait for. The state of a healthy cluster, replicas assigned over every broker;
/// <see cref="KafkaPodFollower"/> then takes down what has no Ready pod. Pure.
/// </summary>
public static class DemoKafkaState
{
    public const int DemoReplicationFactor = 3;
    public const string DemoMinInSyncReplicas = "2";

    /// <summary>The demo topics and their partition counts.</summary>
    public static readonly IReadOnlyList<(string Name, int Partitions)> Topics = [("orders", 6), ("payments", 3), ("clicks", 3)];

    public static ClusterState Healthy(ClusterIdentity cluster, KafkaClusterSpec spec)
    {
        var controllers = spec.Controllers?.Replicas ?? 0;
        var brokers = spec.Brokers?.Replicas ?? 0;
        var voters = Enumerable.Range(0, controllers)
            .Select(n => cluster.Node(NodeKey.Controller(n)))
            .Select(node => new QuorumVoter(node.NodeId, node.Host(), (ushort)KafkaListeners.Controller.Port))
            .ToList();
        var brokerIds = Enumerable.Range(0, brokers).ToList();
        var newest = MetadataVersion.Known[^1];
        var nodes = voters.Select(v => v.NodeId).Concat(brokerIds)
            .Select(id => new NodeFeatureSupport(id, 1, newest.Level))
            .ToList();
        var leader = voters.Count > 0 ? voters[0].NodeId : QuorumState.NoLeader;
        var state = new ClusterState(new QuorumState(leader, LeaderEpoch: 1, LogEndOffset: 1000, voters, brokerIds), nodes, newest.Level, FinalizedFeaturesEpoch: 1)
        {
            Brokers = brokerIds.Select(id => new PeerBroker(id)).ToList(),
            BrokerConfigs = spec.Brokers?.Config ?? new Dictionary<string, string>(),
        };

        // Fewer brokers than copies: no demo topics (Kafka would refuse to create them).
        if (brokers < DemoReplicationFactor) return state;
        var topicConfigs = new Dictionary<string, string> { [TopicConfigCatalog.MinInSyncReplicas] = DemoMinInSyncReplicas };
        foreach (var (name, partitions) in Topics)
            state = state.WithNewTopic(name, partitions, DemoReplicationFactor, topicConfigs);
        return state;
    }
}
