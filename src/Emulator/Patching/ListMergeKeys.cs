using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Patching;

/// <summary>
/// Which lists are maps keyed by some field (merged item by item) and which are atomic. For built-in
/// kinds this follows the patchMergeKey tags of the Kubernetes types; for custom resources the
/// schema's x-kubernetes-list-type: map and x-kubernetes-list-map-keys.
/// </summary>
public static class ListMergeKeys
{
    static readonly Dictionary<string, string> BuiltinKeys = new()
    {
        ["containers"] = "name", ["initContainers"] = "name", ["ephemeralContainers"] = "name",
        ["env"] = "name", ["volumes"] = "name", ["volumeMounts"] = "mountPath", ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name", ["conditions"] = "type", ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip", ["topologySpreadConstraints"] = "topologyKey", ["tolerations"] = "key",
        ["containerStatuses"] = "name", ["initContainerStatuses"] = "name",
    };

    /// <summary>The key fields of the list at <paramref name="path"/> (field names from the root), or null when atomic.</summary>
    public static string[]? For(ResourceType type, IReadOnlyList<string> path)
    {
        if (path.Count == 0) return null;
        var field = path[^1];
        if (type.IsCustom && path[0] != "metadata")
        {
            var schema = SchemaAt(type.Schema, path);
            if (schema?.Text("x-kubernetes-list-type") == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
                return keys.Select(k => k?.GetValue<string>() ?? "").ToArray();
            return null;
        }
        if (field == "ports")
            return path.Contains("containers") || path.Contains("initContainers") ? ["containerPort"] : ["port"];
        if (field == "tolerations") return null;
        return BuiltinKeys.TryGetValue(field, out var key) ? [key] : null;
    }

    /// <summary>Lists whose primitive items merge as a set under strategic merge patch.</summary>
    public static bool IsPrimitiveSet(ResourceType type, IReadOnlyList<string> path) =>
        !type.IsCustom && path is ["metadata", "finalizers"];

    static JsonObject? SchemaAt(JsonObject? schema, IReadOnlyList<string> path)
    {
        foreach (var field in path)
        {
            if (schema is null) return null;
            if (schema.Text("type") == "array") schema = schema["items"] as JsonObject;
            schema = schema?["properties"]?[field] as JsonObject ?? schema?["additionalProperties"] as JsonObject;
        }
        return schema;
    }

    public static string KeyOf(JsonObject item, string[] keys) =>
        string.Join("\u0000", keys.Select(k => item[k]?.ToJsonString() ?? "null"));
}
