using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Kubernetes;

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

    public static PersistentVolumeClaim Render(NodeIdentity node, StorageSpec storage, string? clusterId = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = node.PvcName,
            Namespace = node.Cluster.Namespace,
            Labels = OperatorLabels.Node(node),
            Annotations = clusterId is null ? null : new Dictionary<string, string> { [ClusterIdAnnotation] = clusterId },
        },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storage.StorageClassName,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = storage.Size! } },
        },
    };
}
