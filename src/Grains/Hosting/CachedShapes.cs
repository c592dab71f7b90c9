using Actors.Grains.Cluster;
using k8s;
using k8s.Models;

namespace Actors.Grains.Hosting;

/// <summary>
/// What the operator's informer caches keep of each object (client-go's SetTransform): what their
/// readers read, nothing else. The readers are <see cref="Coordinator.NodeObserver"/> (a pod's
/// labels, revision annotation, uid, creation and deletion times, phase, Ready condition and start
/// time; a claim's or ConfigMap's labels and deletion time), the cluster grain's retained claims
/// (a claim's name, annotations and requested storage) and the watch forwarder (namespace, name,
/// labels). Objects the operator acts on are read from the API, never from these caches.
/// Measured at 150 clusters (bench/README.md): the caches held ~140 KB per cluster whole.
/// </summary>
public static class CachedShapes
{
    /// <summary>managedFields: the API server's bookkeeping of server-side apply, read by nobody here (one JSON document per field manager).</summary>
    public static T WithoutManagedFields<T>(T item) where T : IKubernetesObject<V1ObjectMeta>
    {
        if (item.Metadata is { } metadata) metadata.ManagedFields = null;
        return item;
    }

    public static KafkaCluster Cluster(KafkaCluster cluster) => WithoutManagedFields(cluster);

    /// <summary>A pod's metadata and the status fields a node's state is made of; its spec (the rendered template) is dropped.</summary>
    public static V1Pod Pod(V1Pod pod)
    {
        WithoutManagedFields(pod);
        pod.Spec = null;
        if (pod.Status is { } status)
            pod.Status = new V1PodStatus { Phase = status.Phase, Conditions = status.Conditions, StartTime = status.StartTime };
        return pod;
    }

    /// <summary>A claim's metadata and spec (its requested storage); its status is dropped.</summary>
    public static V1PersistentVolumeClaim Claim(V1PersistentVolumeClaim claim)
    {
        WithoutManagedFields(claim);
        claim.Status = null;
        return claim;
    }

    /// <summary>A ConfigMap's metadata: that a node's configuration exists, not its content.</summary>
    public static V1ConfigMap ConfigMap(V1ConfigMap config)
    {
        WithoutManagedFields(config);
        config.Data = null;
        config.BinaryData = null;
        return config;
    }

    /// <summary>A Service's metadata: whether it is still as the operator last applied it (its resourceVersion), not what it says.</summary>
    public static V1Service Service(V1Service service)
    {
        WithoutManagedFields(service);
        service.Spec = null;
        service.Status = null;
        return service;
    }

    /// <summary>A PodDisruptionBudget's metadata, as for <see cref="Service"/>.</summary>
    public static V1PodDisruptionBudget DisruptionBudget(V1PodDisruptionBudget budget)
    {
        WithoutManagedFields(budget);
        budget.Spec = null;
        budget.Status = null;
        return budget;
    }
}
