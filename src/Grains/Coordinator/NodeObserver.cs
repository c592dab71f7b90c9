using Actors.Contracts.Kafka;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Grains.Coordinator;

/// <summary>
/// Turns the pods, PVCs and node ConfigMaps of a cluster (found by its labels) into the <see cref="ObservedCluster"/>
/// the decision reads: from the informer caches when they are synced and the caller allows it,
/// otherwise by listing from the API. The coordinator lists after each of its own steps, so the
/// next decision sees that step's effect even when the cache lags one event behind; a stale
/// cache at the start of a pass only makes it repeat an idempotent step (a create that finds the
/// pod, a delete whose uid precondition no longer matches).
/// </summary>
public sealed class NodeObserver(IKubernetes client, OperatorInformers? informers = null)
{
    public async Task<ObservedCluster> ObserveAsync(ClusterIdentity cluster, string? metadataVersion, bool preferCache, CancellationToken cancellationToken = default)
    {
        if (preferCache && informers is { HasSynced: true } cached)
            return Observe(InCluster(cached.Pods, cluster), InCluster(cached.Volumes, cluster), metadataVersion, InCluster(cached.ConfigMaps, cluster));
        var selector = OperatorLabels.NodeSelectorText(cluster);
        var pods = await client.CoreV1.ListNamespacedPodAsync(cluster.Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        var pvcs = await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(cluster.Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        var configs = await client.CoreV1.ListNamespacedConfigMapAsync(cluster.Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Observe(pods.Items, pvcs.Items, metadataVersion, configs.Items);
    }

    private static IEnumerable<T> InCluster<T>(Informer<T> informer, ClusterIdentity cluster) where T : class, IKubernetesObject<V1ObjectMeta> =>
        informer.ListByLabel(KafkaLabels.Instance, cluster.Name, cluster.Namespace)
            .Where(o => o.GetLabel(KafkaLabels.Name) == KafkaLabels.NameValue);

    /// <summary>
    /// Groups what exists by node (its labels name the role and ordinal). ConfigMaps without a
    /// node's labels (the coordinator's own state) are not nodes and are left out.
    /// </summary>
    public static ObservedCluster Observe(
        IEnumerable<V1Pod> pods, IEnumerable<V1PersistentVolumeClaim> pvcs, string? metadataVersion, IEnumerable<V1ConfigMap>? configs = null)
    {
        var byKey = new Dictionary<NodeKey, ObservedNode>();
        ObservedNode At(NodeKey key) => byKey.GetValueOrDefault(key) ?? new ObservedNode(key, null, false);
        foreach (var pod in pods)
            if (OperatorLabels.NodeOf(pod.Metadata?.Labels) is { } key)
                byKey[key] = At(key) with { Pod = Observe(pod) };
        foreach (var pvc in pvcs)
            if (OperatorLabels.NodeOf(pvc.Metadata?.Labels) is { } key && pvc.Metadata!.DeletionTimestamp is null)
                byKey[key] = At(key) with { HasPvc = true };
        foreach (var config in configs ?? [])
            if (OperatorLabels.NodeOf(config.Metadata?.Labels) is { } key && config.Metadata!.DeletionTimestamp is null)
                byKey[key] = At(key) with { HasConfig = true };
        var nodes = byKey.Values
            .OrderBy(n => n.Key, Comparer<NodeKey>.Create(NodeKey.CompareStartOrder))
            .ToList();
        return new ObservedCluster(nodes, metadataVersion);
    }

    public static ObservedPod Observe(V1Pod pod)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var isReady = ready?.Status == "True";
        return new ObservedPod(
            pod.Metadata.Uid ?? "",
            NodePod.RevisionOf(pod),
            PhaseOf(pod.Status?.Phase),
            isReady,
            isReady ? Utc(ready!.LastTransitionTime ?? pod.Status?.StartTime ?? pod.Metadata.CreationTimestamp) : null,
            pod.Metadata.DeletionTimestamp is not null);
    }

    /// <summary>The library reads API times as <see cref="DateTime"/>; the decisions compare instants.</summary>
    private static DateTimeOffset? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        { } t => new DateTimeOffset(t.ToUniversalTime()),
    };

    private static PodPhase PhaseOf(string? phase) => phase switch
    {
        "Running" => PodPhase.Running,
        "Succeeded" => PodPhase.Succeeded,
        "Failed" => PodPhase.Failed,
        "Unknown" => PodPhase.Unknown,
        _ => PodPhase.Pending,
    };
}
