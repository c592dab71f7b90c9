using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using k8s;

namespace Actors.Testing;

/// <summary>
/// KafkaClusters written and read as raw JSON, for tests whose objects the operator's model may
/// not be able to hold (a replica count beyond an int under a looser CRD).
/// </summary>
public static class RawKafkaClusters
{
    public static Task CreateAsync(IKubernetes client, string @namespace, string name, long brokers, int controllers) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = KafkaClusterResource.ApiVersion,
            ["kind"] = KafkaClusterResource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
            ["spec"] = new JsonObject
            {
                ["version"] = "3.9.0",
                ["brokers"] = new JsonObject { ["replicas"] = brokers, ["storage"] = new JsonObject { ["size"] = "1Gi" } },
                ["controllers"] = new JsonObject { ["replicas"] = controllers, ["storage"] = new JsonObject { ["size"] = "1Gi" } },
            },
        }, KafkaClusterResource.Group, KafkaClusterResource.Version, @namespace, KafkaClusterResource.Plural);

    public static async Task<JsonElement> ReadAsync(IKubernetes client, string @namespace, string name) =>
        (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(
            KafkaClusterResource.Group, KafkaClusterResource.Version, @namespace, KafkaClusterResource.Plural, name);
}
