using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: like a merge patch, except that lists with a merge key
/// (containers, env, ports, volumes, volumeMounts, ...) merge item by item, and the directives
/// <c>$patch</c> (replace/delete), <c>$deleteFromPrimitiveList</c>, <c>$setElementOrder</c> and
/// <c>$retainKeys</c> that kubectl sends are understood.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonObject Apply(ResourceType type, JsonObject target, JsonObject patch) =>
        (JsonObject)(Merge(type, target.DeepClone(), patch, []) ?? new JsonObject());

    static JsonNode? Merge(ResourceType type, JsonNode? target, JsonNode? patch, List<string> path)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var directive = p.Text("$patch");
        if (directive == "replace")
        {
            var replaced = (JsonObject)p.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        if (directive == "delete") return null;
        var result = target as JsonObject ?? new JsonObject();
        if (p["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(kv => kv.Key).ToList())
                if (!keep.Contains(key)) result.Remove(key);
        }
        foreach (var (key, value) in p)
        {
            if (key is "$patch" or "$retainKeys" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal)) continue;
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray existing && value is JsonArray remove)
                {
                    var kept = existing.Where(e => !remove.Any(r => JsonNode.DeepEquals(r, e))).Select(e => e?.DeepClone()).ToArray();
                    result[field] = new JsonArray(kept);
                }
                continue;
            }
            path.Add(key);
            if (value is null) result.Remove(key);
            else if (value is JsonArray list) result[key] = MergeList(type, result[key] as JsonArray, list, path);
            else
            {
                var merged = Merge(type, result[key], value, path);
                if (merged is null) result.Remove(key);
                else result[key] = merged;
            }
            path.RemoveAt(path.Count - 1);
        }
        return result;
    }

    static JsonArray MergeList(ResourceType type, JsonArray? target, JsonArray patch, List<string> path)
    {
        if (ListMergeKeys.IsPrimitiveSet(type, path))
        {
            var set = target?.Select(e => e?.DeepClone()).ToList() ?? [];
            foreach (var item in patch)
                if (!set.Any(e => JsonNode.DeepEquals(e, item))) set.Add(item?.DeepClone());
            return new JsonArray(set.ToArray());
        }
        var keys = ListMergeKeys.For(type, path);
        if (keys is null || target is null)
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.Text("$patch") == "delete"))
                .Select(i => StripDirectives(i?.DeepClone())).ToArray());
        var items = target.Select(i => i?.DeepClone()).ToList();
        foreach (var patchItem in patch.OfType<JsonObject>())
        {
            var key = ListMergeKeys.KeyOf(patchItem, keys);
            var index = items.FindIndex(i => i is JsonObject o && ListMergeKeys.KeyOf(o, keys) == key);
            if (patchItem.Text("$patch") == "delete")
            {
                if (index >= 0) items.RemoveAt(index);
                continue;
            }
            if (index >= 0) items[index] = Merge(type, items[index], patchItem, path);
            else items.Add(StripDirectives(patchItem.DeepClone()));
        }
        return new JsonArray(items.Where(i => i is not null).ToArray());
    }

    static JsonNode? StripDirectives(JsonNode? node)
    {
        if (node is JsonObject o)
            foreach (var key in o.Select(kv => kv.Key).Where(k => k.StartsWith('$')).ToList()) o.Remove(key);
        return node;
    }
}
