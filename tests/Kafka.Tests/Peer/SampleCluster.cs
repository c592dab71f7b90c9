using Actors.Kafka.Features;
using Actors.Kafka.Peer.Model;

namespace Actors.Kafka.Tests.Peer;

/// <summary>
/// The cluster most partition tests start from: controllers 0-2, brokers 3-5, and two topics —
/// <c>orders</c> (3 partitions, 3 replicas, min.insync.replicas 2 set on the topic) and
/// <c>events</c> (2 partitions, 2 replicas, inheriting the brokers' min.insync.replicas).
/// Replicas are assigned round robin: orders-0 is [3,4,5], orders-1 [4,5,3], orders-2 [5,3,4],
/// events-0 [3,4], events-1 [4,5].
/// </summary>
internal static class SampleCluster
{
    public static ClusterModel Model(TimeProvider? time = null)
    {
        var model = new ClusterModel(ClusterState.Healthy(3, 3, MetadataVersion.V3_8_IV0, MetadataVersion.V3_9_IV0), time);
        model.CreateTopic("orders", partitions: 3, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        model.CreateTopic("events", partitions: 2, replicationFactor: 2);
        return model;
    }
}
