using System.Text.Json;
using k8s;

namespace Actors.Kubernetes;

/// <summary>
/// Decodes one object of a list or a watch event on its own, so that an object the model cannot
/// hold becomes an <see cref="UndecodableObject"/> naming it, and never an exception that breaks
/// the stream it came in.
/// </summary>
internal static class ObjectDecoder
{
    public static bool TryDecode<T>(JsonElement element, ResourceType type, bool deleted, out T? item, out UndecodableObject? skipped)
        where T : class, IKubernetesObject
    {
        item = null;
        skipped = null;
        try
        {
            item = KubernetesJson.Deserialize<T>(element);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            skipped = Describe(element, type, deleted, Reason(e));
            return false;
        }
        if (item is null)
        {
            skipped = Describe(element, type, deleted, "the object is null");
            return false;
        }
        // Items of a list carry no apiVersion and kind; the collection says what they are.
        if (string.IsNullOrEmpty(item.ApiVersion)) item.ApiVersion = type.ApiVersion;
        if (string.IsNullOrEmpty(item.Kind)) item.Kind = type.Kind;
        return true;
    }

    /// <summary>metadata.resourceVersion of a raw object (bookmarks, undecodable objects).</summary>
    public static string? ResourceVersionOf(JsonElement element) => MetadataString(element, "resourceVersion");

    private static UndecodableObject Describe(JsonElement element, ResourceType type, bool deleted, string reason)
    {
        long? generation = null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("generation", out var g) && g.TryGetInt64(out var value))
            generation = value;
        return new UndecodableObject(type, MetadataString(element, "namespace"), MetadataString(element, "name"), MetadataString(element, "uid"),
            ResourceVersionOf(element), generation, reason, deleted);
    }

    private static string? MetadataString(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>The decoder's message, which names the JSON path ("$.spec.brokers.replicas").</summary>
    private static string Reason(Exception e) => e is JsonException { Path: { Length: > 0 } path } json && !json.Message.Contains(path, StringComparison.Ordinal)
        ? $"{json.Message} (at {path})"
        : e.Message;
}
