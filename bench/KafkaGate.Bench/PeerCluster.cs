using Actors.Grains.Identity;
using Actors.Kafka.Features;
using Actors.Kafka.Peer.Model;

namespace Actors.KafkaGate.Bench;

/// <summary>
/// The cluster the gate is asked about, as the peer models it: node ids as the operator numbers
/// them (brokers 0.., controllers 1000..), every ISR full, <c>topics</c> topics of 6 partitions
/// with replication factor 3 and min.insync.replicas 2 — the partitions every broker question reads.
/// </summary>
public static class PeerCluster
{
    public static ClusterModel Model(int controllers, int brokers, int topics)
    {
        var voters = Enumerable.Range(0, controllers)
            .Select(n => new QuorumVoter(NodeIdentity.ControllerNodeIdBase + n, $"bench-controller-{n}", 9093)).ToList();
        var brokerIds = Enumerable.Range(0, brokers).ToList();
        var support = voters.Select(v => v.NodeId).Concat(brokerIds)
            .Select(id => new NodeFeatureSupport(id, 1, MetadataVersion.V4_0_IV3.Level)).ToList();
        var state = new ClusterState(new QuorumState(voters[0].NodeId, 1, 1000, voters, brokerIds), support, MetadataVersion.V4_0_IV3.Level, 1)
        {
            Brokers = brokerIds.Select(id => new PeerBroker(id)).ToList(),
        };
        var model = new ClusterModel(state);
        for (var t = 0; t < topics; t++)
            model.CreateTopic($"topic-{t:000}", partitions: 6, replicationFactor: Math.Min(3, brokers),
                new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        return model;
    }
}
