using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using k8s;
using k8s.Models;

namespace Actors.Silo.Tests.Support;

/// <summary>
/// The KafkaCluster verbs the tests use, on the official client's typed custom-object calls:
/// what a test does to a cluster, said in one line.
/// </summary>
public sealed class KafkaClusters(IKubernetes client)
{
    private const string Group = KafkaClusterResource.Group;
    private const string Version = KafkaClusterResource.Version;
    private const string Plural = KafkaClusterResource.Plural;

    public Task<KafkaCluster> CreateAsync(KafkaCluster cluster) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<KafkaCluster>(cluster, Group, Version, cluster.Metadata.NamespaceProperty, Plural);

    public Task<KafkaCluster> GetAsync(string name, string ns) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<KafkaCluster>(Group, Version, ns, Plural, name);

    /// <summary>A JSON merge patch of the object.</summary>
    public Task<KafkaCluster> PatchAsync(string name, string ns, JsonObject patch) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync<KafkaCluster>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name);

    /// <summary>A JSON merge patch of the status subresource.</summary>
    public Task<KafkaCluster> PatchStatusAsync(string name, string ns, JsonObject patch) =>
        client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<KafkaCluster>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name);

    public Task DeleteAsync(string name, string ns) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, Plural, name);

    /// <summary>The status as JSON, the way the operator writes it.</summary>
    public static JsonObject StatusPatch(KafkaClusterStatus status) =>
        new() { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
}
