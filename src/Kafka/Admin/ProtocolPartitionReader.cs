using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Admin;

/// <summary>
/// The partitions read through our own <see cref="KafkaClient"/> instead of Confluent.Kafka,
/// for an operator outside the cluster: any broker answers Metadata for the whole cluster and
/// DescribeConfigs for every topic, so the bootstrap address alone (through the client's
/// <see cref="KafkaAddressMap"/>) is enough, where librdkafka must reach every advertised
/// broker address and offers no way to map them (see src/Kafka/README.md).
/// </summary>
public sealed class ProtocolPartitionReader(KafkaClient client) : IPartitionReader
{
    public Task<KafkaResult<IReadOnlyList<PartitionReplicas>>> PartitionReplicasAsync(CancellationToken cancellationToken = default) =>
        GateInput.ReadAsync(() => LayoutAsync(cancellationToken), topics => MinInSyncReplicasAsync(topics, cancellationToken));

    private async Task<KafkaResult<ClusterLayout>> LayoutAsync(CancellationToken cancellationToken)
    {
        var metadata = await client.SendAsync(new MetadataRequest(Topics: null), cancellationToken);
        return metadata.Succeeded ? Layout(metadata.Value) : KafkaResult<ClusterLayout>.Failed(metadata.Failure!);
    }

    private async Task<KafkaResult<IReadOnlyDictionary<string, int>>> MinInSyncReplicasAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var effective = new Dictionary<string, int>();
        if (topics.Count == 0)
            return KafkaResult<IReadOnlyDictionary<string, int>>.Success(effective);
        var request = new DescribeConfigsRequest(
            topics.Select(t => new DescribeConfigsResource(ConfigResourceType.Topic, t, [GateInput.MinInSyncReplicasConfig])).ToList());
        var configs = await client.SendAsync(request, cancellationToken);
        if (!configs.Succeeded)
            return KafkaResult<IReadOnlyDictionary<string, int>>.Failed(configs.Failure!);
        foreach (var result in configs.Value.Results)
        {
            if (result.Error.IsError)
                return KafkaResult<IReadOnlyDictionary<string, int>>.Failed(
                    KafkaFailure.FromError(result.Error, result.ErrorMessage, $"DescribeConfigs topic {result.ResourceName}"));
            var entry = result.Configs.FirstOrDefault(c => c.Name == GateInput.MinInSyncReplicasConfig);
            var value = GateInput.MinInSyncReplicas(result.ResourceName, entry?.Value);
            if (!value.Succeeded)
                return KafkaResult<IReadOnlyDictionary<string, int>>.Failed(value.Failure!);
            effective[result.ResourceName] = value.Value;
        }
        return KafkaResult<IReadOnlyDictionary<string, int>>.Success(effective);
    }

    private static KafkaResult<ClusterLayout> Layout(MetadataResponse metadata)
    {
        var unnamed = metadata.Topics.FirstOrDefault(t => t.Name is null);
        if (unnamed is not null)
            return KafkaResult<ClusterLayout>.Failed(new KafkaFailure(KafkaFailureKind.MalformedResponse,
                $"Metadata: topic {unnamed.TopicId} has no name"));
        return KafkaResult<ClusterLayout>.Success(new ClusterLayout(
            metadata.Brokers.Select(b => new BrokerNode(b.NodeId, b.Host, b.Port, b.Rack)).OrderBy(b => b.Id).ToList(),
            metadata.Topics
                .Select(t => new TopicLayout(t.Name!, t.Partitions
                    .Select(p => new PartitionLayout(p.PartitionIndex, p.LeaderId, p.ReplicaNodes, p.IsrNodes, KafkaError.FromCode(p.ErrorCode)))
                    .OrderBy(p => p.Partition)
                    .ToList()))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList()));
    }
}
