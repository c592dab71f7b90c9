using Actors.Contracts.Kafka;
using Actors.Grains.Rendering;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>
/// The <c>server.properties</c> of one node, in a ConfigMap of its own (<c>&lt;pod&gt;-config</c>).
/// It is rendered from the same <see cref="NodeTemplate"/> as the node's pod and written only just
/// before that pod is created, so a container that restarts in place always reads the
/// configuration of the revision its pod carries: a new configuration reaches a node only when the
/// coordinator rolls it. Owned by the CR (garbage-collected with it) and labelled like the pod.
/// </summary>
public static class NodeConfigMap
{
    /// <summary>The one key, mounted as the file the image reads.</summary>
    public const string PropertiesKey = "server.properties";

    public static V1ConfigMap Render(NodeTemplate template, ClusterOwner owner)
    {
        var node = template.Identity;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = node.ConfigMapName,
                NamespaceProperty = node.Cluster.Namespace,
                Labels = OperatorLabels.Node(node),
                Annotations = new Dictionary<string, string> { [KafkaAnnotations.Revision] = template.Revision },
                OwnerReferences = [owner.Reference()],
            },
            Data = new Dictionary<string, string> { [PropertiesKey] = KafkaNodeConfig.ToPropertiesText(template.Properties) },
        };
    }

    /// <summary>The revision a node's ConfigMap was rendered at, from its annotation.</summary>
    public static string? RevisionOf(V1ConfigMap configMap) =>
        configMap.Metadata?.Annotations is { } a && a.TryGetValue(KafkaAnnotations.Revision, out var revision) ? revision : null;
}
