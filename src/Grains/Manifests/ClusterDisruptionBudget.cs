using Actors.Grains.Identity;
using Actors.Kubernetes;

namespace Actors.Grains.Manifests;

/// <summary>
/// Guards the nodes against voluntary disruptions the operator does not drive (node drains):
/// no more than the spec's maxUnavailable at once, the same budget the coordinator keeps.
/// </summary>
public static class ClusterDisruptionBudget
{
    public static PodDisruptionBudget Render(ClusterIdentity cluster, int maxUnavailable, ClusterOwner owner) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = cluster.DisruptionBudgetName,
            Namespace = cluster.Namespace,
            Labels = OperatorLabels.Cluster(cluster, "nodes"),
            OwnerReferences = [owner.Reference()],
        },
        Spec = new PodDisruptionBudgetSpec
        {
            MaxUnavailable = IntOrString.FromInt(maxUnavailable),
            Selector = new LabelSelector { MatchLabels = OperatorLabels.NodeSelector(cluster) },
        },
    };
}
