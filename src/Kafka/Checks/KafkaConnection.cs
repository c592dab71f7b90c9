using Actors.Kafka.Client;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Checks;

/// <summary>Which client asks the brokers for partitions, ISRs and min.insync.replicas.</summary>
public enum PartitionClient
{
    /// <summary>Confluent.Kafka, unless <see cref="KafkaConnection.AddressMap"/> maps addresses: then ours.</summary>
    Auto,
    /// <summary>Confluent.Kafka's Admin API: needs every advertised broker address reachable as advertised.</summary>
    ConfluentKafka,
    /// <summary>Our own protocol client: needs only the (mapped) bootstrap address.</summary>
    Protocol,
}

/// <summary>How the operator reaches one Kafka cluster for its safety checks.</summary>
public sealed record KafkaConnection
{
    /// <summary>The cluster's bootstrap Service, as the cluster names it (e.g. <c>demo-kafka-bootstrap.kafka.svc:9092</c>).</summary>
    public required KafkaEndpoint Bootstrap { get; init; }

    /// <summary>
    /// For an operator outside the cluster: where to really connect. Our own client maps every
    /// address; Confluent.Kafka only the bootstrap one (see src/Kafka/README.md).
    /// </summary>
    public KafkaAddressMap AddressMap { get; init; } = KafkaAddressMap.None;

    /// <summary>Which client reads the partitions; by default Confluent.Kafka, or ours when addresses are mapped.</summary>
    public PartitionClient PartitionClient { get; init; } = PartitionClient.Auto;

    /// <summary>How long one question to Kafka may take before it is a <c>TimedOut</c> failure.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The cluster's <c>controller.quorum.fetch.timeout.ms</c>, as the operator rendered it.</summary>
    public TimeSpan QuorumFetchTimeout { get; init; } = ControllerRestartGate.DefaultFetchTimeout;

    public string ClientId { get; init; } = "actors-operator";

    /// <summary>Where librdkafka's log lines go; dropped when null.</summary>
    public Action<string>? Log { get; init; }
}
