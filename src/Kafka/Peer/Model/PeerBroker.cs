namespace Actors.Kafka.Peer.Model;

/// <summary>
/// A broker as the cluster sees it. Down: its pod is gone, it is in no ISR and leads nothing.
/// Up but not yet in sync: its pod is Ready and it is catching up; it rejoins the ISRs of its
/// partitions at <see cref="RejoinsIsrAt"/> (a Ready pod is not yet a caught-up replica, which
/// is exactly why a roll must ask Kafka and not the kubelet).
/// </summary>
public sealed record PeerBroker(int NodeId, string? Rack = null, bool IsUp = true, DateTimeOffset? RejoinsIsrAt = null)
{
    public bool IsCatchingUp => IsUp && RejoinsIsrAt is not null;
}
