using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Hosting;
using k8s;
using k8s.Models;

namespace Actors.Silo.Embedded;

/// <summary>
/// Applies deploy/samples/kafkacluster-demo.yaml (carried in the assembly) so a newcomer sees
/// the operator at work at once. Server-side apply, as <c>kubectl apply --server-side</c> would:
/// the embedded emulator starts empty, so this creates the objects; applying again changes nothing.
/// </summary>
public static class SampleCluster
{
    /// <summary>The field manager that owns the sample's fields.</summary>
    public const string FieldManager = "actors-operator-sample";

    /// <summary>The namespace the sample's KafkaCluster lives in.</summary>
    public static string Namespace =>
        Manifests.Parse(Manifests.ReadEmbedded(Manifests.DemoCluster))
            .First(o => (string?)o["kind"] == KafkaClusterResource.Kind)["metadata"]!["namespace"]!.GetValue<string>();

    /// <summary>The sample's KafkaCluster as the manifest declares it.</summary>
    public static KafkaCluster Cluster =>
        KubernetesJson.Deserialize<KafkaCluster>(Manifests.Parse(Manifests.ReadEmbedded(Manifests.DemoCluster))
            .First(o => (string?)o["kind"] == KafkaClusterResource.Kind).ToJsonString());

    /// <returns>"kind namespace/name" of each object applied.</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        foreach (var manifest in Manifests.Parse(Manifests.ReadEmbedded(Manifests.DemoCluster)))
        {
            var kind = (string?)manifest["kind"];
            var name = (string?)manifest["metadata"]?["name"] ?? throw new InvalidOperationException($"The sample's {kind} has no name.");
            var patch = new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch);
            switch (kind)
            {
                case "Namespace":
                    await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                    applied.Add($"Namespace {name}");
                    break;
                case KafkaClusterResource.Kind:
                    var ns = (string?)manifest["metadata"]?["namespace"] ?? throw new InvalidOperationException($"The sample's KafkaCluster {name} has no namespace.");
                    await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, KafkaClusterResource.Group, KafkaClusterResource.Version, ns,
                        KafkaClusterResource.Plural, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                    applied.Add($"KafkaCluster {ns}/{name}");
                    break;
                default:
                    throw new InvalidOperationException($"The sample holds a {kind}, which the silo does not know how to apply.");
            }
        }

        return applied;
    }
}
