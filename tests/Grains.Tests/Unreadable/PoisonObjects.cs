using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Grains.Tests.Unreadable;

/// <summary>KafkaClusters as the API server stores them, some of which the operator cannot read.</summary>
internal static class PoisonObjects
{
    public const string Uid = "0d5c1f6e-0000-4000-8000-00000000beef";

    /// <summary>The object of the bad-input campaign (issue 16): 2147483648 brokers, one more than an int holds.</summary>
    public static JsonObject Poison(string resourceVersion = "41", long generation = 3, JsonNode? status = null)
    {
        var cluster = new JsonObject
        {
            ["apiVersion"] = "kafka.actors.dev/v1alpha1",
            ["kind"] = "KafkaCluster",
            ["metadata"] = new JsonObject
            {
                ["name"] = "poison",
                ["namespace"] = "probe",
                ["uid"] = Uid,
                ["resourceVersion"] = resourceVersion,
                ["generation"] = generation,
                ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl", ["operation"] = "Update" }),
            },
            ["spec"] = JsonNode.Parse("""{"version":"3.9.0","brokers":{"replicas":2147483648,"storage":{"size":"10Gi"}},"controllers":{"replicas":3,"storage":{"size":"2Gi"}}}"""),
        };
        if (status is not null) cluster["status"] = status;
        return cluster;
    }

    public static JsonObject Readable() => new()
    {
        ["apiVersion"] = "kafka.actors.dev/v1alpha1",
        ["kind"] = "KafkaCluster",
        ["metadata"] = new JsonObject { ["name"] = "demo", ["namespace"] = "kafka", ["uid"] = "u-1", ["resourceVersion"] = "7", ["generation"] = 1 },
        ["spec"] = JsonNode.Parse("""{"version":"3.9.0","brokers":{"replicas":3,"storage":{"size":"10Gi"}},"controllers":{"replicas":3,"storage":{"size":"2Gi"}}}"""),
    };

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    /// <summary>RFC 7386, as the API server applies a JSON merge patch: what the operator's report does to the stored object.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key], value);
        }
        return result;
    }
}
