namespace Actors.Kafka.Peer.Model;

/// <summary>
/// How one partition reacts when a broker goes down or catches up again, as Kafka's controller
/// reacts. Pure.
/// <list type="bullet">
/// <item>A broker that goes down leaves the ISR, except the last member: Kafka keeps the last
/// in-sync replica in the ISR (it holds the latest data) and leaves the partition leaderless.</item>
/// <item>Leadership moves to the first in-sync replica in preference order that is still up;
/// every change of leader bumps the leader epoch.</item>
/// <item>A caught-up broker rejoins the ISR by fetching from the leader, so a leaderless
/// partition takes back only its last in-sync replica (which then leads; no unclean election).
/// It does not take leadership back from a live leader (a preferred-leader election is a separate act).</item>
/// </list>
/// </summary>
public static class PartitionReplication
{
    public static PeerPartition BrokerDown(PeerPartition partition, int brokerId, Func<int, bool> isUp)
    {
        if (!partition.Replicas.Contains(brokerId))
            return partition;
        var isr = partition.Isr.Count == 1 && partition.Isr[0] == brokerId
            ? partition.Isr
            : partition.Isr.Where(id => id != brokerId).ToList();
        var leader = partition.Leader == brokerId || partition.Leader == PeerPartition.NoLeader
            ? partition.Replicas.FirstOrDefault(id => id != brokerId && isr.Contains(id) && isUp(id), PeerPartition.NoLeader)
            : partition.Leader;
        return WithLeader(partition with { Isr = isr }, leader);
    }

    /// <param name="inSync">Whether another broker is up and caught up: when the last in-sync replica
    /// returns to lead, those replicas can fetch from it again and rejoin with it.</param>
    public static PeerPartition BrokerCaughtUp(PeerPartition partition, int brokerId, Func<int, bool> inSync)
    {
        if (!partition.Replicas.Contains(brokerId))
            return partition;
        if (partition.Leader == PeerPartition.NoLeader)
        {
            if (!partition.Isr.Contains(brokerId))
                return partition;
            var rejoined = partition.Replicas.Where(id => id == brokerId || inSync(id)).ToList();
            return WithLeader(partition with { Isr = rejoined }, brokerId);
        }
        var isr = partition.Replicas.Where(id => id == brokerId || partition.Isr.Contains(id)).ToList();
        return partition with { Isr = isr };
    }

    /// <summary>Sets the ISR as a test dictates; a leader outside it gives way to the first in-sync replica.</summary>
    public static PeerPartition WithIsr(PeerPartition partition, IReadOnlyList<int> isr, Func<int, bool> isUp)
    {
        var outside = isr.Where(id => !partition.Replicas.Contains(id)).ToList();
        if (outside.Count > 0)
            throw new ArgumentException($"broker(s) {string.Join(", ", outside)} hold no replica of partition {partition.Index}", nameof(isr));
        var ordered = partition.Replicas.Where(isr.Contains).ToList();
        var leader = ordered.Contains(partition.Leader) && isUp(partition.Leader)
            ? partition.Leader
            : ordered.FirstOrDefault(isUp, PeerPartition.NoLeader);
        return WithLeader(partition with { Isr = ordered }, leader);
    }

    private static PeerPartition WithLeader(PeerPartition partition, int leader) =>
        leader == partition.Leader ? partition : partition with { Leader = leader, LeaderEpoch = partition.LeaderEpoch + 1 };
}
