using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;

namespace Actors.Grains.Coordinator;

/// <summary>
/// Turns the pods and PVCs of a cluster (found by its labels) into the <see cref="ObservedCluster"/>
/// the decision reads. It lists from the API on every look, so a step's own effect is always seen
/// by the next decision (an informer cache may lag one event behind).
/// </summary>
public sealed class NodeObserver(KubernetesClient client)
{
    public async Task<ObservedCluster> ObserveAsync(ClusterIdentity cluster, string? metadataVersion, CancellationToken cancellationToken = default)
    {
        var selector = new ListOptions { LabelSelector = OperatorLabels.NodeSelectorText(cluster) };
        var pods = await client.Resource<Pod>().ListAllAsync(cluster.Namespace, selector, cancellationToken).ConfigureAwait(false);
        var pvcs = await client.Resource<PersistentVolumeClaim>().ListAllAsync(cluster.Namespace, selector, cancellationToken).ConfigureAwait(false);
        return Observe(pods.Items, pvcs.Items, metadataVersion);
    }

    public static ObservedCluster Observe(IEnumerable<Pod> pods, IEnumerable<PersistentVolumeClaim> pvcs, string? metadataVersion)
    {
        var byKey = new Dictionary<NodeKey, (ObservedPod? Pod, bool HasPvc)>();
        foreach (var pod in pods)
            if (OperatorLabels.NodeOf(pod.Metadata.Labels) is { } key)
                byKey[key] = (Observe(pod), byKey.GetValueOrDefault(key).HasPvc);
        foreach (var pvc in pvcs)
            if (OperatorLabels.NodeOf(pvc.Metadata.Labels) is { } key && pvc.Metadata.DeletionTimestamp is null)
                byKey[key] = (byKey.GetValueOrDefault(key).Pod, true);
        var nodes = byKey
            .OrderBy(p => p.Key, Comparer<NodeKey>.Create(NodeKey.CompareStartOrder))
            .Select(p => new ObservedNode(p.Key, p.Value.Pod, p.Value.HasPvc))
            .ToList();
        return new ObservedCluster(nodes, metadataVersion);
    }

    public static ObservedPod Observe(Pod pod)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var isReady = ready?.Status == "True";
        return new ObservedPod(
            pod.Metadata.Uid ?? "",
            NodePod.RevisionOf(pod),
            PhaseOf(pod.Status?.Phase),
            isReady,
            isReady ? ready!.LastTransitionTime ?? pod.Status?.StartTime ?? pod.Metadata.CreationTimestamp : null,
            pod.Metadata.DeletionTimestamp is not null);
    }

    private static PodPhase PhaseOf(string? phase) => phase switch
    {
        "Running" => PodPhase.Running,
        "Succeeded" => PodPhase.Succeeded,
        "Failed" => PodPhase.Failed,
        "Unknown" => PodPhase.Unknown,
        _ => PodPhase.Pending,
    };
}
