using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

/// <summary>
/// Availability as the coordinator counts it. A node is available when its pod runs, is Ready and
/// has been for minReadySeconds, and is not a pod the operation has already deleted (the cache
/// may still show it). Unavailable nodes are counted among members that exist (pod or PVC) and
/// leaving nodes that still have a pod — including nodes that are down on their own.
/// </summary>
internal sealed class ClusterView(DesiredCluster desired, ObservedCluster observed, OperationState? operation, DateTimeOffset now)
{
    public DesiredCluster Desired => desired;
    public ObservedCluster Observed => observed;

    public ObservedPod? Pod(NodeKey key) => observed.Find(key)?.Pod;

    public bool HasPvc(NodeKey key) => observed.Find(key)?.HasPvc ?? false;

    public bool IsAvailable(NodeKey key) =>
        Pod(key) is { Terminating: false, Phase: PodPhase.Running, Ready: true } pod
        && pod.ReadySince is { } since && now - since >= desired.Rollout.MinReady
        && !(operation?.Deletions.Any(d => d.Node == key && d.PodUid == pod.Uid) ?? false);

    /// <summary>Time left before a Ready pod counts as available, if that is all it lacks.</summary>
    public TimeSpan? MinReadyRemaining(NodeKey key) =>
        Pod(key) is { Terminating: false, Phase: PodPhase.Running, Ready: true, ReadySince: { } since }
        && now - since < desired.Rollout.MinReady
            ? desired.Rollout.MinReady - (now - since)
            : null;

    private bool Counted(ObservedNode node) =>
        desired.IsMember(node.Key) ? node.HasPvc || node.Pod is not null : node.Pod is not null;

    public int Unavailable => observed.Nodes.Count(n => Counted(n) && !IsAvailable(n.Key));

    /// <summary>
    /// Whether taking this node down keeps within maxUnavailable and, for a controller, keeps a
    /// majority of the quorum available (a single controller excepted). Taking down a node that is already down costs nothing.
    /// </summary>
    public bool CanTakeDown(NodeKey key, out string why)
    {
        why = "";
        if (!IsAvailable(key)) return true;
        if (Unavailable + 1 > desired.Rollout.MaxUnavailable)
        {
            why = $"{Unavailable} node(s) unavailable, maxUnavailable is {desired.Rollout.MaxUnavailable}";
            return false;
        }

        // A single controller cannot be restarted without a metadata outage: the user chose that.
        if (key.Role == NodeRole.Controller && desired.IsMember(key) && desired.Replicas(NodeRole.Controller) > 1)
        {
            var voters = desired.Replicas(NodeRole.Controller);
            var available = Enumerable.Range(0, voters).Count(n => IsAvailable(NodeKey.Controller(n)));
            if (available - 1 < voters / 2 + 1)
            {
                why = $"only {available} of {voters} controllers available; stopping {key} would lose the KRaft quorum";
                return false;
            }
        }

        return true;
    }
}
