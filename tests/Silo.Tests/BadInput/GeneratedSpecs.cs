using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>A KafkaCluster spec as a user might write it: a small valid one, changed in one or two fields.</summary>
public sealed record GeneratedSpec(JsonObject Spec, IReadOnlyList<(string Field, string Value)> Changes)
{
    public override string ToString()
    {
        var changes = string.Join(", ", Changes.Select(c => $"{c.Field}={(c.Value.Length > 60 ? c.Value[..60] + "…" : c.Value)}"));
        return $"[{changes}]";
    }
}

/// <summary>
/// Generated KafkaCluster specs for the end-to-end campaign: odd values where users go wrong (the
/// ones issue 16 found among them), and <see cref="JsonBodies.WrongValues"/> in any field.
/// </summary>
public static class GeneratedSpecs
{
    private static readonly string Huge = "\"" + new string('k', 64 * 1024) + "\"";

    private static readonly (string Field, string[] Values)[] Fields =
    [
        ("version", ["\"3.9.0\"", "\"4.0.1\"", "\"\"", "\"3.9\"", "\"latest\"", "\"9.9.9\"", "\"3.9.0\\n\"", Huge]),
        ("image", ["\"apache/kafka:3.9.0\"", "\"\"", "\"my registry/kafka\"", Huge]),
        ("brokers.replicas", ["1", "2", "0", "-1", "1001", "2147483647", "2147483648"]),
        ("controllers.replicas", ["1", "3", "0", "2", "4", "-1"]),
        ("brokers.storage.size", ["\"2Gi\"", "\"10Gi\\n\"", "\" 10Gi\"", "\"-1Gi\"", "\"lots\"", "\"\"", "\"1e3\"", Huge]),
        ("brokers.storage.storageClassName", ["\"fast\"", "\"Fast SSD\"", "\"\"", Huge]),
        ("brokers.config", ["{\"num.partitions\":\"6\"}", "{\"node.id\":\"5\"}", "{\"log.dirs\":\"/x\"}", "{\"\":\"x\"}", "{\"a\":5}"]),
        ("brokers.nodeSelector", ["{\"disk\":\"ssd\"}", "{\"bad key!\":\"x\"}", "{\"disk\":\"ssd\\n\"}", "{\"disk\":\"" + new string('v', 64) + "\"}"]),
        ("brokers.resources", ["{\"requests\":{\"memory\":\"1Gi\"},\"limits\":{\"memory\":\"2Gi\"}}", "{\"requests\":{\"memory\":\"64Gi\"},\"limits\":{\"memory\":\"2Gi\"}}",
            "{\"requests\":{\"cpu\":\"lots\"}}"]),
        ("brokers.tolerations", ["[{\"key\":\"kafka\",\"operator\":\"Exists\"}]", "[{\"key\":\"bad key\",\"operator\":\"Exists\"}]", "[{\"operator\":\"Sideways\"}]"]),
        ("brokers.rack", ["{\"topologyKey\":\"topology.kubernetes.io/zone\"}", "{\"topologyKey\":\"bad key!\"}", "{\"topologyKey\":\"\"}"]),
        ("listeners", ["[{\"name\":\"apps\",\"port\":19092}]", "[{\"name\":\"Bad Name\",\"port\":19092}]", "[{\"name\":\"apps\",\"port\":70000}]",
            "[{\"name\":\"controller\",\"port\":19092}]", "[{\"name\":\"apps\",\"port\":9093}]"]),
        ("rollout", ["{\"maxUnavailable\":1}", "{\"maxUnavailable\":0}", "{\"podManagementPolicy\":\"Sideways\"}", "{\"minReadySeconds\":-5}"]),
        ("persistentVolumeClaimRetentionPolicy", ["{\"whenDeleted\":\"Retain\"}", "{\"whenDeleted\":\"Keep\"}"]),
        ("unknownField", ["1", "{\"a\":1}"]),
    ];

    /// <summary>The wrong values that are still JSON (the others cannot be sent as a spec field at all).</summary>
    private static readonly string[] WrongJsonValues = [.. JsonBodies.WrongValues.Where(IsJson)];

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A value users write correctly (each field's first), an odd one, or one of the wrong type.</summary>
    private static readonly Gen<(string Field, string Value)> Change =
        from field in Gen.Elements(Fields)
        from kind in Gen.Frequency((4, Gen.Constant("good")), (4, Gen.Constant("odd")), (2, Gen.Constant("wrong")))
        from value in kind switch
        {
            "good" => Gen.Constant(field.Values[0]),
            "odd" => Gen.Elements(field.Values[1..]),
            _ => Gen.Elements(WrongJsonValues),
        }
        select (field.Field, value);

    public static readonly Gen<GeneratedSpec> Any =
        from count in Gen.Choose(1, 3)
        from changes in Gen.ListOf(Change, count)
        select Build([.. changes.DistinctBy(c => c.Field)]);

    private static readonly Gen<(string Field, string Value)> Overflow =
        from field in Gen.Elements("brokers.replicas", "controllers.replicas", "rollout.maxUnavailable", "rollout.minReadySeconds", "listeners")
        from value in Gen.Elements("2147483648", "-2147483649", "9223372036854775807")
        select (field, field == "listeners" ? $$"""[{"name":"apps","port":{{value}}}]""" : value);

    /// <summary>
    /// <see cref="Any"/> with an integer past what an int holds: refused by the operator's CRD, stored
    /// under a looser one (<see cref="LooserCrdTarget"/>) and then unreadable by the operator.
    /// </summary>
    public static readonly Gen<GeneratedSpec> Overflowing =
        from count in Gen.Choose(0, 2)
        from changes in Gen.ListOf(Change, count)
        from overflow in Overflow
        select Build([.. changes.Where(c => !overflow.Field.StartsWith(c.Field, StringComparison.Ordinal)).Append(overflow).DistinctBy(c => c.Field)]);

    /// <summary>One broker and one controller on 1Gi: valid, and small enough to run many.</summary>
    public static JsonObject Valid() => (JsonObject)JsonNode.Parse(
        """{"version":"3.9.0","brokers":{"replicas":1,"storage":{"size":"1Gi"}},"controllers":{"replicas":1,"storage":{"size":"1Gi"}}}""")!;

    private static GeneratedSpec Build(List<(string Field, string Value)> changes)
    {
        var spec = Valid();
        foreach (var (field, value) in changes)
        {
            var path = field.Split('.');
            var parent = spec;
            foreach (var segment in path[..^1]) parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            parent[path[^1]] = JsonNode.Parse(value);
        }
        return new GeneratedSpec(spec, changes);
    }
}
