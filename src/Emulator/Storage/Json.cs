using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>Small accessors over generic JSON objects, so every resource (built-in or custom) is handled alike.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A JSON object; a repeated key keeps its last value, as in kube-apiserver.</summary>
    public static JsonObject Parse(string text) =>
        JsonText.Parse(text) as JsonObject ?? throw new FormatException("expected a JSON object");

    public static JsonObject Child(this JsonObject o, string key)
    {
        if (o[key] is JsonObject existing) return existing;
        var created = new JsonObject();
        o[key] = created;
        return created;
    }

    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(p, out node)) return null;
        }
        return node;
    }

    public static string? Text(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Number(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.GetValueKind() == JsonValueKind.Number) return (long)v.GetValue<double>();
        return null;
    }

    public static JsonObject CloneObject(this JsonObject o) => (JsonObject)o.DeepClone();

    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static string Serialize(JsonNode node) => node.ToJsonString(Compact);
}
