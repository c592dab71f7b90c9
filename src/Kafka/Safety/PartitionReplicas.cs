namespace Actors.Kafka.Safety;

/// <summary>
/// What the safety gates need to know about one partition: where its replicas are, which are
/// in sync, who leads, and its effective <c>min.insync.replicas</c> (the topic's setting, else
/// the brokers' default). Below that many in-sync replicas, producers with <c>acks=all</c> stop.
/// </summary>
public sealed record PartitionReplicas(
    TopicPartition Id,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    int Leader,
    int MinInSyncReplicas)
{
    public bool IsUnderMinIsr => Isr.Count < MinInSyncReplicas;
}
