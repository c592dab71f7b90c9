namespace Actors.Grains.Rejections;

/// <summary>
/// Which steps may proceed while an object is rejected. The nodes can start and roll without the
/// PodDisruptionBudget (the coordinator keeps maxUnavailable itself; only drains it does not drive
/// are unguarded) and without the bootstrap Service (only clients need it). They wait for the
/// headless Service, which their quorum addresses resolve through, and for their own objects,
/// since start-up is ordered.
/// </summary>
public static class StepDependencies
{
    public static bool NodesMayProceedWithout(StepRole role) => role is StepRole.DisruptionBudget or StepRole.BootstrapService or StepRole.Status;

    /// <summary>What the refusal means for the cluster, in the words the status uses.</summary>
    public static string Consequence(StepRole role) => role switch
    {
        StepRole.DisruptionBudget =>
            "The cluster runs unprotected: no PodDisruptionBudget limits voluntary disruptions (node drains) to maxUnavailable; the nodes proceed.",
        StepRole.BootstrapService => "Clients cannot use the bootstrap address until it exists; the nodes proceed.",
        StepRole.HeadlessService => "The nodes wait: their stable DNS names need this Service.",
        StepRole.Finalizer => "The finalizer guards the ordered shut-down: nothing is created until it is in place, and a deleted cluster stays until it is released.",
        StepRole.ClusterId =>
            "The operator cannot write status (RBAC? it needs update on kafkaclusters/status): no node is created until the cluster id is recorded, " +
            "and Degraded cannot be set, so this Event and the operator's log are the only signal.",
        StepRole.Status =>
            "The operator cannot write status (RBAC? it needs update on kafkaclusters/status): the status and Degraded stay stale, " +
            "so this Event and the operator's log are the only signal; the nodes proceed.",
        _ => "The coordinator waits: the next node step needs this object.",
    };
}
