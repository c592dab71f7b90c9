using Actors.Kafka.Client;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Admin;

/// <summary>Where the broker gates' input comes from: every partition with its replicas, ISR and effective min.insync.replicas.</summary>
public interface IPartitionReader
{
    Task<KafkaResult<IReadOnlyList<PartitionReplicas>>> PartitionReplicasAsync(CancellationToken cancellationToken = default);
}
