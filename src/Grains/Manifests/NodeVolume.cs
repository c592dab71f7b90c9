using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>
/// The PVC of one node, <c>data-&lt;cluster&gt;-&lt;role&gt;-&lt;n&gt;</c>. It has no owner reference on
/// purpose: deleting the CR must not let garbage collection take the data; the coordinator deletes
/// a volume only when the retention policy (whenScaled / whenDeleted) says Delete. It carries the
/// KRaft cluster id its volume is formatted with, so a cluster re-created on retained claims can
/// take the same id (see <see cref="Cluster.RetainedClaims"/>).
/// </summary>
public static class NodeVolume
{
    public const string ClusterIdAnnotation = "kafka.actors.dev/cluster-id";

    public static V1PersistentVolumeClaim Render(NodeIdentity node, StorageSpec storage, string? clusterId = null) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta
        {
            Name = node.PvcName,
            NamespaceProperty = node.Cluster.Namespace,
            Labels = OperatorLabels.Node(node),
            Annotations = clusterId is null ? null : new Dictionary<string, string> { [ClusterIdAnnotation] = clusterId },
        },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storage.StorageClassName,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(storage.Size!) } },
        },
    };

    /// <summary>The storage a claim asks for, as the API server wrote it (null when it names none).</summary>
    public static string? RequestedStorage(V1PersistentVolumeClaim claim) =>
        claim.Spec?.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var size) ? size?.ToString() : null;
}
