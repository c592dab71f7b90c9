namespace Actors.Kafka.Safety;

/// <summary>
/// May a broker be removed (scale in)? Only once it holds no replica at all: removing a broker
/// that still hosts replicas loses copies of data Kafka will not re-create by itself, so the
/// partitions must be reassigned away first. Pure.
/// </summary>
public static class BrokerRemovalGate
{
    public static RemovalVerdict Decide(IEnumerable<PartitionReplicas> partitions, int brokerId)
    {
        var hosted = partitions.Where(p => p.Replicas.Contains(brokerId)).ToList();
        var topics = hosted.Select(p => p.Id.Topic).Distinct().Order(StringComparer.Ordinal).ToList();
        return new RemovalVerdict(brokerId, topics, hosted.Count);
    }
}
