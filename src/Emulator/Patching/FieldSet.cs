using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Patching;

/// <summary>
/// The set of fields an object (or an apply configuration) sets, as FieldsV1 paths:
/// <c>f:spec/f:replicas</c>, keyed list items as <c>k:{"name":"kafka"}</c> with a <c>.</c> marker
/// for the item itself. Atomic lists and scalars are leaves. This is what managedFields record.
/// </summary>
public sealed class FieldSet
{
    const char Separator = '\u0001';
    readonly HashSet<string> paths;
    FieldSet(HashSet<string> p) => paths = p;

    public static FieldSet Empty => new([]);
    public int Count => paths.Count;
    public IEnumerable<string> Paths => paths;
    public bool Contains(string path) => paths.Contains(path);
    public FieldSet Except(IEnumerable<string> other) { var s = new HashSet<string>(paths); s.ExceptWith(other); return new(s); }
    public FieldSet Union(IEnumerable<string> other) { var s = new HashSet<string>(paths); s.UnionWith(other); return new(s); }
    public IEnumerable<string> Intersect(FieldSet other) => paths.Where(other.paths.Contains);

    static readonly HashSet<string> IgnoredMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    ];

    /// <summary>The fields <paramref name="obj"/> sets, limited to the main resource or the status subresource.</summary>
    public static FieldSet Of(ResourceType type, JsonObject obj, bool statusSubresource)
    {
        var set = new HashSet<string>();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (type.HasStatus && (key == "status") != statusSubresource) continue;
            if (key == "metadata")
            {
                if (statusSubresource || value is not JsonObject meta) continue;
                foreach (var (mk, mv) in meta)
                    if (!IgnoredMetadata.Contains(mk)) Walk(type, mv, ["metadata", mk], "f:metadata" + Separator + "f:" + mk, set);
                continue;
            }
            Walk(type, value, [key], "f:" + key, set);
        }
        return new FieldSet(set);
    }

    static void Walk(ResourceType type, JsonNode? node, List<string> fieldPath, string path, HashSet<string> set)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (k, v) in o)
                {
                    fieldPath.Add(k);
                    Walk(type, v, fieldPath, path + Separator + "f:" + k, set);
                    fieldPath.RemoveAt(fieldPath.Count - 1);
                }
                break;
            case JsonArray a when ListMergeKeys.For(type, fieldPath) is { } keys && a.All(i => i is JsonObject):
                foreach (var item in a.OfType<JsonObject>())
                {
                    var itemPath = path + Separator + ItemToken(item, keys);
                    set.Add(itemPath + Separator + ".");
                    foreach (var (k, v) in item)
                    {
                        fieldPath.Add(k);
                        Walk(type, v, fieldPath, itemPath + Separator + "f:" + k, set);
                        fieldPath.RemoveAt(fieldPath.Count - 1);
                    }
                }
                break;
            default:
                set.Add(path);
                break;
        }
    }

    public static string ItemToken(JsonObject item, string[] keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal)) key[k] = item[k]?.DeepClone();
        return "k:" + key.ToJsonString();
    }

    public static string[] Split(string path) => path.Split(Separator);

    /// <summary>Human form used in conflict messages: <c>.spec.replicas</c>, <c>.spec.containers[name="kafka"].image</c>.</summary>
    public static string Describe(string path)
    {
        var text = "";
        foreach (var t in Split(path))
        {
            if (t.StartsWith("f:", StringComparison.Ordinal)) text += "." + t[2..];
            else if (t.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(t[2..]) as JsonObject ?? new JsonObject();
                text += "[" + string.Join(",", key.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}")) + "]";
            }
        }
        return text;
    }

    /// <summary>The value a path points at in <paramref name="obj"/>, or null when absent.</summary>
    public static JsonNode? ValueAt(JsonNode? obj, string path)
    {
        var node = obj;
        foreach (var t in Split(path))
        {
            if (t == ".") return node;
            node = Step(node, t);
            if (node is null) return null;
        }
        return node;
    }

    static JsonNode? Step(JsonNode? node, string token)
    {
        if (token.StartsWith("f:", StringComparison.Ordinal))
            return node is JsonObject o && o.TryGetPropertyValue(token[2..], out var v) ? v ?? JsonValue.Create((string?)null) : null;
        if (token.StartsWith("k:", StringComparison.Ordinal) && node is JsonArray a)
        {
            var key = JsonNode.Parse(token[2..]) as JsonObject ?? new JsonObject();
            return a.OfType<JsonObject>().FirstOrDefault(i => key.All(kv => JsonNode.DeepEquals(i[kv.Key], kv.Value)));
        }
        return null;
    }

    /// <summary>Removes the field (or keyed list item, for a "." path) a path names.</summary>
    public static void RemoveAt(JsonNode? obj, string path)
    {
        var tokens = Split(path);
        if (tokens[^1] == ".") tokens = tokens[..^1];
        var node = obj;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = Step(node, tokens[i]);
            if (node is null) return;
        }
        var last = tokens[^1];
        if (last.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject o) o.Remove(last[2..]);
        else if (Step(node, last) is JsonObject item && node is JsonArray a) a.Remove(item);
    }

    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var p in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var t in Split(p)) node = node.Child(t);
        }
        return root;
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new HashSet<string>();
        if (fields is not null) Collect(fields, "", set);
        return new FieldSet(set);
    }

    static void Collect(JsonObject node, string prefix, HashSet<string> set)
    {
        foreach (var (k, v) in node)
        {
            var path = prefix.Length == 0 ? k : prefix + Separator + k;
            if (v is JsonObject child && child.Count > 0) Collect(child, path, set);
            else set.Add(path);
        }
    }
}
