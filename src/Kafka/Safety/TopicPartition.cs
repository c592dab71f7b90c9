namespace Actors.Kafka.Safety;

/// <summary>A partition of a topic, written as Kafka tools write it: <c>orders-3</c>.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}-{Partition}";
}
