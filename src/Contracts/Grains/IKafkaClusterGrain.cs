using Orleans.Concurrency;

namespace Actors.Contracts.Grains;

/// <summary>
/// One <c>KafkaCluster</c>, keyed <c>namespace/name</c>. Level-based: a call says "look again", not
/// what changed; the grain reads the CR and the objects it owns and closes the difference. It is
/// the single writer of the CR's status, and the owner of its cluster's reconcile schedule: the
/// only other grains of the cluster never call it back.
/// </summary>
public interface IKafkaClusterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks for a pass as soon as possible and returns at once: the pass runs in the grain's own
    /// schedule (its timer), after a free reconcile slot, so that no caller waits behind a pass
    /// under a burst. Any number of wakes before the pass starts make one pass. Watch events call it.
    /// </summary>
    [AlwaysInterleave]
    Task WakeAsync();

    /// <summary>Runs one reconcile pass now and returns when it is done (tests and diagnostics).</summary>
    Task ReconcileAsync();
}
