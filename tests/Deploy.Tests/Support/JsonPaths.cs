using System.Text.Json.Nodes;

namespace Actors.Deploy.Tests.Support;

/// <summary>Short reads into parsed manifests.</summary>
public static class JsonPaths
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var step in path) node = node is JsonObject o ? o[step] : null;
        return node;
    }

    /// <summary>The string at the path, or null when absent or not a string.</summary>
    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static IReadOnlyList<JsonNode> Items(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray a ? a.Select(n => n!).ToList() : [];

    public static IReadOnlyList<string> Strings(this JsonNode? node, params string[] path) =>
        node.Items(path).Select(n => n.GetValue<string>()).ToList();
}
