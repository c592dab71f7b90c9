using System.Globalization;
using Actors.Kafka.Client;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Admin;

/// <summary>
/// The safety gates' input from what a cluster reported, whichever client asked: the
/// partitions of <see cref="ClusterLayout"/> with each topic's effective min.insync.replicas.
/// Pure.
/// </summary>
public static class GateInput
{
    public const string MinInSyncReplicasConfig = "min.insync.replicas";

    /// <summary>
    /// A topic's effective min.insync.replicas as DescribeConfigs reported it. Missing or not a
    /// positive integer is a failure rather than a guess: the gate then holds with that reason.
    /// </summary>
    public static KafkaResult<int> MinInSyncReplicas(string topic, string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
            ? KafkaResult<int>.Success(parsed)
            : KafkaResult<int>.Failed(new KafkaFailure(KafkaFailureKind.MalformedResponse,
                $"DescribeConfigs: topic {topic} has {MinInSyncReplicasConfig} '{value ?? "(missing)"}', not a positive integer"));

    /// <summary>
    /// Every partition with its topic's min.insync.replicas and its ISR on live brokers. Kafka
    /// keeps the last in-sync replica in the ISR after its broker dies (the partition then has
    /// no leader); that member serves nothing, so an offline partition is under its min ISR, as
    /// producers see it. Internal topics count too (a roll that stalls __consumer_offsets
    /// stalls every consumer group).
    /// </summary>
    public static KafkaResult<IReadOnlyList<PartitionReplicas>> Partitions(ClusterLayout layout, IReadOnlyDictionary<string, int> minInSyncReplicas)
    {
        var missing = layout.Topics.FirstOrDefault(t => !minInSyncReplicas.ContainsKey(t.Name));
        if (missing is not null)
            return KafkaResult<IReadOnlyList<PartitionReplicas>>.Failed(new KafkaFailure(KafkaFailureKind.MalformedResponse,
                $"DescribeConfigs: no answer for topic {missing.Name}"));
        var live = layout.Brokers.Select(b => b.Id).ToHashSet();
        IReadOnlyList<PartitionReplicas> partitions = layout.Topics
            .SelectMany(t => t.Partitions.Select(p => new PartitionReplicas(
                new TopicPartition(t.Name, p.Partition), p.Replicas, p.Isr.Where(live.Contains).ToList(), p.Leader,
                minInSyncReplicas[t.Name])))
            .ToList();
        return KafkaResult<IReadOnlyList<PartitionReplicas>>.Success(partitions);
    }

    /// <summary>
    /// The gates' input as any client reads it: the layout first, then the min.insync.replicas
    /// of the topics it lists; the first failure stands for the whole answer.
    /// </summary>
    public static async Task<KafkaResult<IReadOnlyList<PartitionReplicas>>> ReadAsync(
        Func<Task<KafkaResult<ClusterLayout>>> layoutAsync,
        Func<IReadOnlyList<string>, Task<KafkaResult<IReadOnlyDictionary<string, int>>>> minInSyncReplicasAsync)
    {
        var layout = await layoutAsync();
        if (!layout.Succeeded)
            return KafkaResult<IReadOnlyList<PartitionReplicas>>.Failed(layout.Failure!);
        var minIsr = await minInSyncReplicasAsync(layout.Value.Topics.Select(t => t.Name).ToList());
        return minIsr.Succeeded
            ? Partitions(layout.Value, minIsr.Value)
            : KafkaResult<IReadOnlyList<PartitionReplicas>>.Failed(minIsr.Failure!);
    }
}
