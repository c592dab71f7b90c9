using Actors.Grains.Identity;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>
/// Guards the nodes against voluntary disruptions the operator does not drive (node drains):
/// no more than the spec's maxUnavailable at once, the same budget the coordinator keeps.
/// </summary>
public static class ClusterDisruptionBudget
{
    public static V1PodDisruptionBudget Render(ClusterIdentity cluster, int maxUnavailable, ClusterOwner owner) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta
        {
            Name = cluster.DisruptionBudgetName,
            NamespaceProperty = cluster.Namespace,
            Labels = OperatorLabels.Cluster(cluster, "nodes"),
            OwnerReferences = [owner.Reference()],
        },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = maxUnavailable,
            Selector = new V1LabelSelector { MatchLabels = OperatorLabels.NodeSelector(cluster) },
        },
    };
}
