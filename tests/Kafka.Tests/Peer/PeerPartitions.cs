using Actors.Kafka.Peer.Model;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Tests.Peer;

/// <summary>
/// The gates' input read straight from the peer's model: what KafkaAdmin reports over the wire,
/// in-sync replicas on brokers that are down left out as KafkaAdmin leaves them out.
/// </summary>
internal static class PeerPartitions
{
    public static List<PartitionReplicas> Of(ClusterState state) =>
        state.Topics.SelectMany(t =>
        {
            var minIsr = int.Parse(TopicConfigCatalog.Resolve(TopicConfigCatalog.Find(TopicConfigCatalog.MinInSyncReplicas)!, t, state.BrokerConfigs).Value);
            return t.Partitions.Select(p => new PartitionReplicas(new TopicPartition(t.Name, p.Index), p.Replicas,
                p.Isr.Where(id => state.Broker(id) is { IsUp: true }).ToList(), p.Leader, minIsr));
        }).ToList();
}
