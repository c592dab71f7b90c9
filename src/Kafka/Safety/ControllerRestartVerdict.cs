namespace Actors.Kafka.Safety;

/// <summary>Why the controller quorum holds a controller's restart.</summary>
public enum QuorumHoldReason
{
    /// <summary>No leader, or one that reports no progress: nothing to measure the voters against.</summary>
    NoLeader,
    /// <summary>The controller is not a voter of the quorum the cluster reports.</summary>
    NotAVoter,
    /// <summary>Other voters have not caught up with the leader within controller.quorum.fetch.timeout.ms.</summary>
    VotersLagging,
    /// <summary>Without the controller, fewer than a majority of the voters would be caught up.</summary>
    NoMajorityWithout,
    /// <summary>The controller is the active one, and another voter still awaits its restart.</summary>
    ActiveControllerGoesLast,
}

/// <summary>One reason the quorum holds a restart, with the voters it is about.</summary>
public sealed record QuorumHold(QuorumHoldReason Reason, IReadOnlyList<int> Voters, string Detail)
{
    public override string ToString() => Detail;
}

/// <summary>
/// May a KRaft controller restart now? Open when nothing holds it; otherwise every reason,
/// with the lagging voters named, fit for a <c>RollBlocked</c> condition and its Event.
/// </summary>
public sealed record ControllerRestartVerdict(int ControllerId, IReadOnlyList<QuorumHold> Holds) : IGateVerdict
{
    public bool IsOpen => Holds.Count == 0;

    /// <summary>The voters that have not caught up with the leader (empty when none lag).</summary>
    public IReadOnlyList<int> LaggingVoters =>
        Holds.FirstOrDefault(h => h.Reason == QuorumHoldReason.VotersLagging)?.Voters ?? [];

    public string Message => IsOpen
        ? $"controller {ControllerId} may restart: the quorum keeps a caught-up majority without it"
        : $"controller {ControllerId} must not restart yet: {string.Join("; ", Holds)}";

    public override string ToString() => Message;
}
