using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Status;

/// <summary>
/// Computes the CR's status from the outcome of a reconcile pass. Pure: the cluster grain writes
/// what this returns. An invalid spec changes only the Ready condition (and observedGeneration):
/// nothing was acted upon, so everything else still describes the running cluster.
/// </summary>
public static class ClusterStatusBuilder
{
    public static KafkaClusterStatus Invalid(KafkaClusterStatus? previous, long generation, IReadOnlyList<SpecError> errors, DateTimeOffset now)
    {
        previous ??= new KafkaClusterStatus();
        var conditions = ConditionSet.Set(previous.Conditions, new ClusterCondition
        {
            Type = KafkaConditionTypes.Ready,
            Status = ConditionStatus.False,
            ObservedGeneration = generation,
            Reason = KafkaConditionReasons.InvalidSpec,
            Message = $"The spec cannot be acted upon: {SpecError.Describe(errors)}. Nothing was changed.",
        }, now);
        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }

    public static KafkaClusterStatus Build(
        KafkaClusterStatus? previous,
        long generation,
        ClusterIdentity cluster,
        DesiredCluster desired,
        ObservedCluster observed,
        RolloutDecision decision,
        DateTimeOffset now)
    {
        previous ??= new KafkaClusterStatus();
        var step = decision.Step;
        var operation = decision.Operation;
        var members = desired.MembersInStartOrder().ToArray();
        var readyMembers = members.Where(m => observed.Find(m)?.Pod is { Ready: true, Terminating: false }).ToArray();
        var atRevision = members.Count(m => observed.Find(m)?.Pod is { Ready: true, Terminating: false } pod && pod.Revision == desired.Revisions[m]);

        var conditions = previous.Conditions;
        conditions = ConditionSet.Set(conditions, Ready(generation, step, operation, members.Length, readyMembers.Length), now);
        conditions = ConditionSet.Set(conditions, Progressing(generation, step, operation), now);
        conditions = ConditionSet.Set(conditions, Degraded(generation, step, operation, members, readyMembers), now);
        conditions = ConditionSet.Set(conditions, new ClusterCondition
        {
            Type = KafkaConditionTypes.ReconciliationPaused,
            Status = desired.Paused ? ConditionStatus.True : ConditionStatus.False,
            ObservedGeneration = generation,
            Reason = desired.Paused ? KafkaConditionReasons.Paused : KafkaConditionReasons.NotPaused,
            Message = desired.Paused
                ? $"Reconciliation is paused by the annotation {KafkaAnnotations.PauseReconciliation}=\"true\"; remove it to resume."
                : "Reconciliation is running.",
        }, now);

        return previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Nodes = Nodes(cluster, desired, observed),
            Brokers = desired.Replicas(NodeRole.Broker),
            Controllers = desired.Replicas(NodeRole.Controller),
            ReadyBrokers = readyMembers.Count(m => m.Role == NodeRole.Broker),
            ReadyControllers = readyMembers.Count(m => m.Role == NodeRole.Controller),
            Operation = operation is null ? null : new OperationStatus
            {
                Type = operation.Kind.ToString(),
                StartedAt = ConditionSet.Timestamp(operation.StartedAt),
                Progress = operation.Kind == OperationKind.ShutDown
                    ? $"{observed.Nodes.Count(n => n.Pod is null)}/{observed.Nodes.Count}"
                    : $"{atRevision}/{members.Length}",
                Message = Describe(step),
            },
        };
    }

    private static ClusterCondition Ready(long generation, RolloutStep step, OperationState? operation, int members, int ready) => step switch
    {
        Done => Condition(KafkaConditionTypes.Ready, true, generation, KafkaConditionReasons.AllNodesReady,
            $"All {members} nodes are ready at their desired revision."),
        ShutDownComplete or RemoveNode { Reason: RemovalReason.ShutDown } => Condition(KafkaConditionTypes.Ready, false, generation,
            KafkaConditionReasons.ShuttingDown, "The cluster is being deleted."),
        _ => Condition(KafkaConditionTypes.Ready, false, generation,
            operation is null ? KafkaConditionReasons.NodesNotReady : Reason(operation.Kind),
            $"{ready} of {members} nodes ready. {Describe(step)}"),
    };

    private static ClusterCondition Progressing(long generation, RolloutStep step, OperationState? operation) => step switch
    {
        Blocked blocked => Condition(KafkaConditionTypes.Progressing, false, generation, blocked.Reason, blocked.Message),
        Done => Condition(KafkaConditionTypes.Progressing, false, generation, KafkaConditionReasons.Idle, "No operation in progress."),
        Paused => Condition(KafkaConditionTypes.Progressing, false, generation, KafkaConditionReasons.Paused, "Reconciliation is paused."),
        _ when operation is not null => Condition(KafkaConditionTypes.Progressing, true, generation, Reason(operation.Kind), Describe(step)),
        _ => Condition(KafkaConditionTypes.Progressing, false, generation, KafkaConditionReasons.Idle, Describe(step)),
    };

    private static ClusterCondition Degraded(long generation, RolloutStep step, OperationState? operation, NodeKey[] members, NodeKey[] ready)
    {
        if (step is Blocked blocked)
            return Condition(KafkaConditionTypes.Degraded, true, generation, blocked.Reason, blocked.Message);
        var down = members.Except(ready).ToArray();
        // Nodes that are down while an operation is bringing them up are expected, not a degradation.
        if (down.Length > 0 && operation is null)
            return Condition(KafkaConditionTypes.Degraded, true, generation, KafkaConditionReasons.NodesUnavailable,
                $"{string.Join(", ", down)} not ready.");
        return Condition(KafkaConditionTypes.Degraded, false, generation, KafkaConditionReasons.Healthy, "No node is down unexpectedly.");
    }

    private static List<NodeStatus> Nodes(ClusterIdentity cluster, DesiredCluster desired, ObservedCluster observed) =>
        desired.Revisions.Keys.Concat(observed.Nodes.Where(n => n.Pod is not null).Select(n => n.Key))
            .Distinct()
            .Order(Comparer<NodeKey>.Create(NodeKey.CompareStartOrder))
            .Select(key =>
            {
                var identity = cluster.Node(key);
                var pod = observed.Find(key)?.Pod;
                return new NodeStatus
                {
                    Ordinal = key.Ordinal,
                    Role = key.Role.Word(),
                    NodeId = identity.NodeId,
                    Pod = identity.PodName,
                    Phase = NodePhase.Of(pod),
                    Revision = pod?.Revision,
                    Ready = pod is { Ready: true, Terminating: false },
                };
            })
            .ToList();

    private static ClusterCondition Condition(string type, bool status, long generation, string reason, string message) => new()
    {
        Type = type,
        Status = status ? ConditionStatus.True : ConditionStatus.False,
        ObservedGeneration = generation,
        Reason = reason,
        Message = message,
    };

    public static string Reason(OperationKind kind) => kind switch
    {
        OperationKind.StartUp => KafkaConditionReasons.StartingUp,
        OperationKind.ScaleOut => KafkaConditionReasons.ScalingOut,
        OperationKind.ScaleIn => KafkaConditionReasons.ScalingIn,
        OperationKind.Roll => KafkaConditionReasons.RollingUpdate,
        OperationKind.Recover => KafkaConditionReasons.NodesNotReady,
        OperationKind.RaiseMetadataVersion => KafkaConditionReasons.RaisingMetadataVersion,
        OperationKind.ShutDown => KafkaConditionReasons.ShuttingDown,
        _ => KafkaConditionReasons.NodesNotReady,
    };

    /// <summary>A step in words, for condition messages and logs.</summary>
    public static string Describe(RolloutStep step) => step switch
    {
        CreateNode c => $"Creating {c.Node} at revision {c.Revision}{(c.CreateVolume ? " with a new volume" : "")}.",
        DeleteNodePod { Reason: PodDeletionReason.Roll } d => $"Restarting {d.Node} onto a new revision.",
        DeleteNodePod d => $"Replacing the failed pod of {d.Node}.",
        RemoveNode { Reason: RemovalReason.ScaleIn } r => $"Removing {r.Node} (scale-in).",
        RemoveNode r => $"Stopping {r.Node}.",
        DeleteNodeConfig c => $"Deleting the configuration of {c.Node}, which has left.",
        DeletePvc p => $"Deleting the volume of {p.Node} as the retention policy asks.",
        AskGate g => $"Asking the health gate whether {g.Node} {(g.Question == HealthGateQuestion.CanRestart ? "can restart" : "is drained")}.",
        RaiseMetadataVersion m => $"Raising the metadata version from {m.From} to {m.To}.",
        Wait w => w.Message,
        Blocked b => b.Message,
        Paused => "Reconciliation is paused.",
        Done => "Nothing to do.",
        ShutDownComplete => "All nodes stopped.",
        _ => step.ToString(),
    };
}
