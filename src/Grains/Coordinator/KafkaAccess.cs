namespace Actors.Grains.Coordinator;

/// <summary>
/// How the operator reaches one Kafka cluster for its safety checks, as the spec renders it: the
/// bootstrap Service at the first client listener (e.g. <c>demo-bootstrap.kafka.svc.cluster.local:9092</c>)
/// and the controllers' <c>controller.quorum.fetch.timeout.ms</c> when the spec sets it (null: Kafka's default).
/// </summary>
[GenerateSerializer, Alias("actors.KafkaAccess")]
public sealed record KafkaAccess(string Bootstrap, TimeSpan? QuorumFetchTimeout = null);
