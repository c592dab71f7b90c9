using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Deploy.Tests.Support;

/// <summary>
/// The first place two JSON trees differ, as a path a person can find in the file
/// (<c>spec.versions[0].schema.openAPIV3Schema.properties.spec</c>). Object key order is ignored;
/// numbers compare by value, so 2 and 2.0 are equal.
/// </summary>
public static class JsonDifference
{
    /// <summary>Null when equal, else "at PATH: expected X, actual Y".</summary>
    public static string? Between(JsonNode? expected, JsonNode? actual) => Walk("", expected, actual);

    static string? Walk(string path, JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key)) return $"at {Join(path, key)}: expected {Show(value)}, actual has no such field";
                    if (Walk(Join(path, key), value, a[key]) is { } inner) return inner;
                }
                foreach (var (key, value) in a)
                    if (!e.ContainsKey(key)) return $"at {Join(path, key)}: expected no such field, actual {Show(value)}";
                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                    if (Walk($"{path}[{i}]", e[i], a[i]) is { } inner) return inner;
                return e.Count == a.Count ? null : $"at {Here(path)}: expected {e.Count} items, actual {a.Count}";
            case (JsonValue e, JsonValue a) when SameValue(e, a):
                return null;
            default:
                return $"at {Here(path)}: expected {Show(expected)}, actual {Show(actual)}";
        }
    }

    static bool SameValue(JsonValue e, JsonValue a)
    {
        var (ek, ak) = (e.GetValueKind(), a.GetValueKind());
        if (ek != ak) return false;
        return ek switch
        {
            JsonValueKind.Number => Number(e) == Number(a),
            _ => e.ToJsonString() == a.ToJsonString(),
        };
    }

    static double Number(JsonValue v) => double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    static string Here(string path) => path.Length == 0 ? "the root" : path;

    static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
