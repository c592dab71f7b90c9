using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>Reads and writes the standard metadata of a stored object.</summary>
internal static class ObjectMeta
{
    public static JsonObject Meta(this JsonObject o) => o.Child("metadata");
    public static string Name(this JsonObject o) => o.Text("metadata", "name") ?? "";
    public static string? Namespace(this JsonObject o) => o.Text("metadata", "namespace");
    public static string? ResourceVersion(this JsonObject o) => o.Text("metadata", "resourceVersion");
    public static string? Uid(this JsonObject o) => o.Text("metadata", "uid");
    public static string? DeletionTimestamp(this JsonObject o) => o.Text("metadata", "deletionTimestamp");
    public static bool IsDeleting(this JsonObject o) => o.DeletionTimestamp() is not null;

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject o)
    {
        var result = new Dictionary<string, string>();
        if (o.At("metadata", "labels") is JsonObject labels)
            foreach (var (k, v) in labels)
                result[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        return result;
    }

    public static List<string> Finalizers(this JsonObject o) =>
        o.At("metadata", "finalizers") is JsonArray a
            ? a.Select(n => n?.GetValue<string>() ?? "").ToList()
            : [];

    public static void SetFinalizers(this JsonObject o, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0) o.Meta().Remove("finalizers");
        else o.Meta()["finalizers"] = new JsonArray(list.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
    }

    public static IEnumerable<JsonObject> OwnerReferences(this JsonObject o) =>
        o.At("metadata", "ownerReferences") is JsonArray a ? a.OfType<JsonObject>() : [];

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
}
