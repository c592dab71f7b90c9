namespace Actors.Kafka.Safety;

/// <summary>Why a partition holds a broker's restart.</summary>
public enum RestartHoldReason
{
    /// <summary>The broker is in the ISR, and without it the ISR would fall below min.insync.replicas.</summary>
    WouldDropBelowMinIsr,
    /// <summary>The broker hosts a replica of a partition that is already under min.insync.replicas.</summary>
    AlreadyUnderMinIsr,
}

/// <summary>One partition holding a restart: how many replicas are in sync against how many must be.</summary>
public sealed record RestartHold(TopicPartition Partition, RestartHoldReason Reason, int InSync, int MinInSync)
{
    public override string ToString() => Reason switch
    {
        RestartHoldReason.WouldDropBelowMinIsr => $"{Partition} would drop to {InSync - 1} in-sync replica(s), below min.insync.replicas {MinInSync}",
        _ => $"{Partition} is already under min.insync.replicas ({InSync} of {MinInSync} in sync)",
    };
}
