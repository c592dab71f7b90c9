using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// One partition's replication: its replicas in preference order (the first is the preferred
/// leader), the in-sync subset, the leader (-1 when none) and the leader epoch, bumped on every
/// change of leader as Kafka's controller does.
/// </summary>
public sealed record PeerPartition(int Index, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr, int Leader, int LeaderEpoch = 0)
{
    public const int NoLeader = -1;
}

/// <summary>A topic: its id, partitions and the configs set on it (overrides of the broker defaults).</summary>
public sealed record PeerTopic(
    string Name,
    KafkaUuid Id,
    IReadOnlyList<PeerPartition> Partitions,
    IReadOnlyDictionary<string, string> Configs,
    bool IsInternal = false)
{
    public PeerPartition Partition(int index) =>
        Partitions.FirstOrDefault(p => p.Index == index)
        ?? throw new ArgumentException($"topic {Name} has no partition {index}", nameof(index));

    public PeerTopic WithPartition(PeerPartition partition) => this with
    {
        Partitions = Partitions.Select(p => p.Index == partition.Index ? partition : p).ToList(),
    };
}
