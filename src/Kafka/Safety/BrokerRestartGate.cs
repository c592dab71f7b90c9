namespace Actors.Kafka.Safety;

/// <summary>
/// The Kafka-aware check before a broker restarts (a roll step). A Ready pod says nothing about
/// whether its replicas are back in sync, so this asks the partitions: restarting the broker
/// takes it out of every ISR it is in, and that must leave each of those partitions with at
/// least its min.insync.replicas, or producers with acks=all stop. A partition the broker hosts
/// that is already under min ISR holds the restart too: the cluster is degraded there, and
/// restarting one more of its replicas can only delay its recovery. Pure: no I/O, no clock.
/// </summary>
public static class BrokerRestartGate
{
    public static RestartVerdict Decide(IEnumerable<PartitionReplicas> partitions, int brokerId)
    {
        var holds = new List<RestartHold>();
        foreach (var partition in partitions)
        {
            if (!partition.Replicas.Contains(brokerId) && !partition.Isr.Contains(brokerId))
                continue;
            var inSync = partition.Isr.Distinct().Count();
            if (inSync < partition.MinInSyncReplicas)
                holds.Add(new RestartHold(partition.Id, RestartHoldReason.AlreadyUnderMinIsr, inSync, partition.MinInSyncReplicas));
            else if (partition.Isr.Contains(brokerId) && inSync - 1 < partition.MinInSyncReplicas)
                holds.Add(new RestartHold(partition.Id, RestartHoldReason.WouldDropBelowMinIsr, inSync, partition.MinInSyncReplicas));
        }
        holds.Sort((a, b) => a.Partition.Topic != b.Partition.Topic
            ? string.CompareOrdinal(a.Partition.Topic, b.Partition.Topic)
            : a.Partition.Partition.CompareTo(b.Partition.Partition));
        return new RestartVerdict(brokerId, holds);
    }
}
