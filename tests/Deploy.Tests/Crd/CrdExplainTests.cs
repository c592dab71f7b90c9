using System.Text.Json.Nodes;
using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Crd;

/// <summary>
/// The CRD explains itself: every field of deploy/crd/kafkaclusters.yaml has a description (from
/// the contract types' doc comments), and the real <c>kubectl explain</c> prints them from an API
/// server serving that CRD, as a user reads them before writing a KafkaCluster.
/// </summary>
public sealed class CrdExplainTests : CrdOnEmulator
{
    [Fact]
    public void Every_field_of_the_crd_has_a_description()
    {
        var crd = Yaml.Documents(Repository.Read("deploy/crd/kafkaclusters.yaml")).Single();
        var schema = crd.At("spec")!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;

        var undescribed = Fields(schema, "").Where(f => string.IsNullOrWhiteSpace((string?)f.Schema["description"])).Select(f => f.Path).ToList();

        Assert.True(undescribed.Count == 0, $"Fields without a description: {string.Join(", ", undescribed)}");
        Assert.True(Fields(schema, "").Count() > 50, "the walk found too few fields to mean anything");
    }

    [Fact]
    public async Task Kubectl_explain_describes_the_brokers_and_each_of_their_fields()
    {
        var output = await Kubectl.Ok(["explain", "kafkacluster.spec.brokers"]);

        Assert.Contains("The brokers: the nodes that hold partitions and serve clients.", output);
        Assert.DoesNotContain("<no description>", output);
        Assert.DoesNotContain("<empty>", output);
        foreach (var field in new[] { "replicas", "resources", "storage", "config", "nodeSelector", "tolerations", "rack" })
            Assert.Contains(field, output);
    }

    [Fact]
    public async Task Kubectl_explain_gives_units_and_examples_where_a_user_would_guess()
    {
        var size = await Kubectl.Ok(["explain", "kafkacluster.spec.brokers.storage.size"]);
        Assert.Contains("100Gi", size);
        Assert.Contains("never shrink", size);

        var version = await Kubectl.Ok(["explain", "kafkacluster.spec.version"]);
        Assert.Contains("4.3.1", version);

        var retention = await Kubectl.Ok(["explain", "kafkacluster.spec.persistentVolumeClaimRetentionPolicy.whenDeleted"]);
        Assert.Contains("Retain (default)", retention);
    }

    /// <summary>Every named field below <paramref name="schema"/>, through objects, maps and lists.</summary>
    static IEnumerable<(string Path, JsonNode Schema)> Fields(JsonNode schema, string path)
    {
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, field) in properties)
            {
                var at = path.Length == 0 ? name : $"{path}.{name}";
                yield return (at, field!);
                foreach (var inner in Fields(field!, at)) yield return inner;
            }

        if (schema["items"] is JsonNode items)
            foreach (var inner in Fields(items, path + "[]")) yield return inner;
        if (schema["additionalProperties"] is JsonObject values)
            foreach (var inner in Fields(values, path + "{}")) yield return inner;
    }
}
