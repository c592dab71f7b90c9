using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Kubernetes;

namespace Actors.Grains.Manifests;

/// <summary>
/// The PVC of one node, <c>data-&lt;cluster&gt;-&lt;role&gt;-&lt;n&gt;</c>. It has no owner reference on
/// purpose: deleting the CR must not let garbage collection take the data; the coordinator deletes
/// a volume only when the retention policy (whenScaled / whenDeleted) says Delete.
/// </summary>
public static class NodeVolume
{
    public static PersistentVolumeClaim Render(NodeIdentity node, StorageSpec storage) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = node.PvcName,
            Namespace = node.Cluster.Namespace,
            Labels = OperatorLabels.Node(node),
        },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storage.StorageClassName,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = storage.Size! } },
        },
    };
}
