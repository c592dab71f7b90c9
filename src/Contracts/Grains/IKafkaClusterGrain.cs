namespace Actors.Contracts.Grains;

/// <summary>
/// One <c>KafkaCluster</c>, keyed <c>namespace/name</c>. Level-based: a call says "look again", not
/// what changed; the grain reads the CR and the objects it owns and closes the difference. It is
/// the single writer of the CR's status, and the owner of its cluster's reconcile schedule: the
/// only other grains of the cluster never call it back.
/// </summary>
public interface IKafkaClusterGrain : IGrainWithStringKey
{
    /// <summary>Runs one reconcile pass now (watch events and the grain's own timer call it).</summary>
    Task ReconcileAsync();
}
