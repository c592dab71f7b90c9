using System.Text.Json.Nodes;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using Actors.Grains.Cluster;

namespace Actors.Silo.Embedded;

/// <summary>
/// Applies deploy/samples/kafkacluster-demo.yaml (carried in the assembly) so a newcomer sees
/// the operator at work at once. Objects that already exist are left as they are.
/// </summary>
public static class SampleCluster
{
    private static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    /// <summary>The namespace the sample's KafkaCluster lives in.</summary>
    public static string Namespace =>
        Manifests.Parse(Manifests.ReadEmbedded(Manifests.DemoCluster))
            .First(o => (string?)o["kind"] == Contracts.Kafka.KafkaClusterResource.Kind)["metadata"]!["namespace"]!.GetValue<string>();

    /// <returns>"kind namespace/name" of each object created.</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(KubernetesClient client, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var manifest in Manifests.Parse(Manifests.ReadEmbedded(Manifests.DemoCluster)))
        {
            var kind = (string?)manifest["kind"];
            var type = kind switch
            {
                "Namespace" => Namespaces,
                Contracts.Kafka.KafkaClusterResource.Kind => KafkaCluster.ResourceType,
                _ => throw new InvalidOperationException($"The sample holds a {kind}, which the silo does not know how to apply."),
            };
            var item = KubernetesJson.FromNode<GenericResource>(manifest);
            try
            {
                await client.Resource<GenericResource>(type).CreateAsync(item, cancellationToken: cancellationToken);
                created.Add($"{kind} {item}");
            }
            catch (KubernetesAlreadyExistsException)
            {
            }
        }

        return created;
    }
}
