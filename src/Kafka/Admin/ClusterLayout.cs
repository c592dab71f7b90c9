using Actors.Kafka.Protocol;

namespace Actors.Kafka.Admin;

/// <summary>A broker and where clients reach it.</summary>
public sealed record BrokerNode(int Id, string Host, int Port, string? Rack = null)
{
    public override string ToString() => $"{Id} at {Host}:{Port}";
}

/// <summary>One partition's replicas as Metadata reports them; <see cref="Error"/> is set when Kafka flagged it (e.g. no leader).</summary>
public sealed record PartitionLayout(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr, KafkaError Error);

public sealed record TopicLayout(string Name, IReadOnlyList<PartitionLayout> Partitions);

/// <summary>Where every topic's partitions live: the live brokers and, per partition, replicas, ISR and leader.</summary>
public sealed record ClusterLayout(IReadOnlyList<BrokerNode> Brokers, IReadOnlyList<TopicLayout> Topics);

/// <summary>The cluster's identity, its controller (as brokers name it) and its live brokers.</summary>
public sealed record ClusterDescription(string? ClusterId, BrokerNode? Controller, IReadOnlyList<BrokerNode> Brokers);
