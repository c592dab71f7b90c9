using Actors.Kafka.Peer.Model;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Tests.Peer;

/// <summary>The gates' input read straight from the peer's model: what KafkaAdmin would report over the wire.</summary>
internal static class PeerPartitions
{
    public static List<PartitionReplicas> Of(ClusterState state) =>
        state.Topics.SelectMany(t =>
        {
            var minIsr = int.Parse(TopicConfigCatalog.Resolve(TopicConfigCatalog.Find(TopicConfigCatalog.MinInSyncReplicas)!, t, state.BrokerConfigs).Value);
            return t.Partitions.Select(p => new PartitionReplicas(new TopicPartition(t.Name, p.Index), p.Replicas, p.Isr, p.Leader, minIsr));
        }).ToList();
}
