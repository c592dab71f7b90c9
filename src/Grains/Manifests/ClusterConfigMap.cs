using Actors.Grains.Identity;
using Actors.Grains.Rendering;
using Actors.Kubernetes;

namespace Actors.Grains.Manifests;

/// <summary>
/// One ConfigMap per cluster holding every node's <c>server.properties</c> under
/// <c>&lt;pod&gt;.properties</c>; each pod mounts only its own entry.
/// </summary>
public static class ClusterConfigMap
{
    public static string KeyOf(NodeIdentity node) => $"{node.PodName}.properties";

    public static ConfigMap Render(ClusterIdentity cluster, IEnumerable<NodeTemplate> templates, ClusterOwner owner) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = cluster.ConfigMapName,
            Namespace = cluster.Namespace,
            Labels = OperatorLabels.Cluster(cluster, "config"),
            OwnerReferences = [owner.Reference()],
        },
        Data = templates
            .OrderBy(t => t.Identity.PodName, StringComparer.Ordinal)
            .ToDictionary(t => KeyOf(t.Identity), t => KafkaNodeConfig.ToPropertiesText(t.Properties)),
    };
}
