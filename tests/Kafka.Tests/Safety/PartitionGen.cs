using Actors.Kafka.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

/// <summary>
/// Random partition states over brokers 0-5: any replica set (1-4 replicas, any order), any
/// ISR within it (empty included: the gates must not assume Kafka's invariants hold), any
/// leader from the ISR or none, min.insync.replicas 1-4 (so also above the replica count).
/// </summary>
internal static class PartitionGen
{
    public const int Brokers = 6;

    public static Gen<PartitionReplicas> Partition(string topic, int index) =>
        from replicas in Gen.Shuffle(Enumerable.Range(0, Brokers).ToArray()).SelectMany(all => Gen.Choose(1, 4).Select(n => all.Take(n).ToArray()))
        from inIsr in Gen.ArrayOf(Gen.Elements(true, false), replicas.Length)
        from minIsr in Gen.Choose(1, 4)
        from leaderPick in Gen.Choose(-1, Brokers)
        let isr = replicas.Where((_, i) => inIsr[i]).ToArray()
        let leader = isr.Contains(leaderPick) ? leaderPick : -1
        select new PartitionReplicas(new TopicPartition(topic, index), replicas, isr, leader, minIsr);

    public static Gen<List<PartitionReplicas>> Cluster =>
        from count in Gen.Choose(0, 12)
        from partitions in Gen.ArrayOf(Partition("", 0), count)
        from topics in Gen.ArrayOf(Gen.Elements("a", "b", "c"), count)
        select partitions.Select((p, i) => p with { Id = new TopicPartition(topics[i], i) }).ToList();

    public static Gen<int> Broker => Gen.Choose(0, Brokers - 1);
}
