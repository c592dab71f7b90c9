using System.Text.Json.Nodes;
using Actors.Grains.Crd;
using YamlDotNet.Serialization;

namespace Actors.Silo.Hosting;

/// <summary>
/// deploy/crd/kafkaclusters.yaml as the silo prints it (<c>--print-crd</c>): the CRD built from
/// the contract types, as YAML for kustomize and GitOps. A test keeps the file and the types equal.
/// </summary>
public static class CrdDocument
{
    public const string Header = """
        # KafkaCluster CRD, generated from the contract types (src/Grains/Crd/KafkaClusterCrd.cs).
        # Do not edit: regenerate with
        #   dotnet run --project src/Silo -- --print-crd > deploy/crd/kafkaclusters.yaml

        """;

    public static JsonObject Json()
    {
        // The official client's serializer: camelCase, nulls left out, as the API server reads it.
        var crd = (JsonObject)JsonNode.Parse(k8s.KubernetesJson.Serialize(KafkaClusterCrd.Build()))!;
        // apiVersion, kind and metadata first, as people write manifests.
        var ordered = new JsonObject();
        foreach (var key in new[] { "apiVersion", "kind", "metadata" }.Concat(crd.Select(kv => kv.Key)).Distinct().ToList())
        {
            if (crd.Remove(key, out var value)) ordered[key] = value;
        }

        return ordered;
    }

    public static string Yaml()
    {
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        return Header.ReplaceLineEndings("\n") + serializer.Serialize(ToPlain(Json())).ReplaceLineEndings("\n");
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.ToString(),
        _ => null,
    };
}
