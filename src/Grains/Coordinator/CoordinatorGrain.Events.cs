using Actors.Grains.Events;
using Actors.Grains.Identity;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Coordinator;

/// <summary>The Events the coordinator writes on the CR, one per action, in the operator's words.</summary>
public sealed partial class CoordinatorGrain
{
    private Task Announce(CoordinatorPlan plan, ObservedCluster observed, RolloutDecision decision, CancellationToken cancellationToken)
    {
        var (reason, message) = Words(plan, observed, decision);
        logger.LogInformation("{Message}", message);
        return events.RecordAsync(plan.Cluster, plan.Owner, ClusterEventRecorder.Normal, reason, message, cancellationToken);
    }

    /// <summary>Reason and message of an action, e.g. "Rolling kafka/demo broker 2: revision 7f3a → 9c1e (1 of 3)".</summary>
    public static (string Reason, string Message) Words(CoordinatorPlan plan, ObservedCluster observed, RolloutDecision decision)
    {
        var cluster = plan.Cluster.Key;
        return decision.Step switch
        {
            CreateNode c => ("CreatingNode",
                $"Creating {cluster} {c.Node}: pod {plan.Cluster.Node(c.Node).PodName} at revision {Short(c.Revision)}{(c.CreateVolume ? " with a new volume" : " on its existing volume")}"),
            DeleteNodePod { Reason: PodDeletionReason.Roll } d => ("RollingNode", RollMessage(plan, observed, decision, d.Node)),
            DeleteNodePod d => ("ReplacingFailedNode", $"Replacing the failed pod of {cluster} {d.Node} (same name, same volume)"),
            RemoveNode { Reason: RemovalReason.ScaleIn } r => ("ScalingIn", $"Removing {cluster} {r.Node} (scale-in); its volume {plan.Cluster.Node(r.Node).PvcName} follows whenScaled"),
            RemoveNode r => ("StoppingNode", $"Stopping {cluster} {r.Node}: the cluster is being deleted"),
            DeleteNodeConfig c => ("DeletingNodeConfig", $"Deleting ConfigMap {plan.Cluster.Node(c.Node).ConfigMapName} of {cluster} {c.Node}: the node has left"),
            DeletePvc p => ("DeletingVolume", $"Deleting volume {plan.Cluster.Node(p.Node).PvcName} of {cluster} {p.Node} as the retention policy asks"),
            RaiseMetadataVersion m => ("RaisingMetadataVersion", $"Raising the metadata version of {cluster} from {m.From} to {m.To}: every node runs the new version"),
            var step => (step.GetType().Name, $"{cluster}: {Status.ClusterStatusBuilder.Describe(step)}"),
        };
    }

    private static string RollMessage(CoordinatorPlan plan, ObservedCluster observed, RolloutDecision decision, NodeKey node)
    {
        var recorded = decision.Operation?.Deletions.Where(d => d.Cause == DeletionCause.Roll).ToArray() ?? [];
        var pending = plan.Desired.Revisions.Count(m =>
            observed.Find(m.Key)?.Pod is { } pod && pod.Revision != m.Value && !recorded.Any(d => d.PodUid == pod.Uid));
        var from = observed.Find(node)?.Pod?.Revision;
        var to = plan.Desired.Revisions[node];
        return $"Rolling {plan.Cluster.Key} {node}: revision {Short(from)} → {Short(to)} ({recorded.Length} of {recorded.Length + pending})";
    }

    private static string Short(string? revision) => revision is null ? "none" : revision[..Math.Min(4, revision.Length)];
}
