using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Actors.Kubernetes;

/// <summary>
/// Decodes one object of a list or a watch event on its own, so that an object the model cannot
/// hold becomes an <see cref="UndecodableObject"/> naming it, and never an exception that breaks
/// the stream it came in.
/// </summary>
internal static class ObjectDecoder
{
    /// <summary>
    /// How lists and watch lines are parsed: as deep as the API server itself accepts (10,000
    /// levels), so that a deeply nested object is one undecodable object, not a broken page or stream.
    /// </summary>
    public static readonly JsonDocumentOptions Documents = new() { MaxDepth = 10_000 };

    /// <summary>The client's own serializer options, but an object's metadata reads no managedFields (<see cref="WatchOptions.DropManagedFields"/>).</summary>
    public static readonly JsonSerializerOptions WithoutManagedFields = LeanOptions();

    private static JsonSerializerOptions LeanOptions()
    {
        JsonSerializerOptions? lean = null;
        // The only door to the client's options: copied, never changed.
        KubernetesJson.AddJsonOptions(client => lean = new JsonSerializerOptions(client));
        lean!.TypeInfoResolver = lean.TypeInfoResolver!.WithAddedModifier(info =>
        {
            if (info.Type != typeof(k8s.Models.V1ObjectMeta)) return;
            for (var i = info.Properties.Count - 1; i >= 0; i--)
                if (info.Properties[i].Name == "managedFields") info.Properties.RemoveAt(i);
        });
        return lean;
    }

    public static JsonSerializerOptions? Options(bool dropManagedFields) => dropManagedFields ? WithoutManagedFields : null;

    public static bool TryDecode<T>(JsonElement element, ResourceType type, bool deleted, out T? item, out UndecodableObject? skipped,
        JsonSerializerOptions? options = null)
        where T : class, IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        item = null;
        skipped = null;
        try
        {
            item = KubernetesJson.Deserialize<T>(element, options);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            skipped = Describe(element, type, deleted, Reason(e));
            return false;
        }
        if (item is null)
        {
            skipped = Describe(element, type, deleted, "the object is null");
            return false;
        }
        if (string.IsNullOrEmpty(item.Metadata?.Name))
        {
            // Nothing can be cached or reconciled under no name.
            skipped = Describe(element, type, deleted, "the object has no metadata.name");
            item = null;
            return false;
        }
        // Items of a list carry no apiVersion and kind; the collection says what they are.
        if (string.IsNullOrEmpty(item.ApiVersion)) item.ApiVersion = type.ApiVersion;
        if (string.IsNullOrEmpty(item.Kind)) item.Kind = type.Kind;
        return true;
    }

    /// <summary>What the model's decoder throws for an object it cannot hold.</summary>
    public static bool IsDecodingFailure(Exception e) =>
        e is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException;

    /// <summary>metadata.resourceVersion of a raw object (bookmarks, undecodable objects).</summary>
    public static string? ResourceVersionOf(JsonElement element) => MetadataString(element, "resourceVersion");

    private static UndecodableObject Describe(JsonElement element, ResourceType type, bool deleted, string reason)
    {
        long? generation = null;
        if (Property(element, "metadata") is { ValueKind: JsonValueKind.Object } metadata
            && Property(metadata, "generation") is { } g && g.ValueKind == JsonValueKind.Number && g.TryGetInt64(out var value))
            generation = value;
        return new UndecodableObject(type, MetadataString(element, "namespace"), MetadataString(element, "name"), MetadataString(element, "uid"),
            ResourceVersionOf(element), generation, reason, deleted);
    }

    private static string? MetadataString(JsonElement element, string field) =>
        Property(element, "metadata") is { ValueKind: JsonValueKind.Object } metadata && Property(metadata, field) is { } value
            ? Text(value) : null;

    /// <summary>
    /// A property of an object; null when <paramref name="element"/> is no object or lacks it. Unlike
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>, a sibling whose name .NET
    /// cannot read (an escaped lone surrogate) is passed over instead of throwing.
    /// </summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        try
        {
            return element.TryGetProperty(name, out var value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            foreach (var property in element.EnumerateObject())
            {
                try
                {
                    if (property.NameEquals(name)) return property.Value;
                }
                catch (InvalidOperationException)
                {
                }
            }
            return null;
        }
    }

    /// <summary>
    /// A JSON string as .NET reads it; null for anything else, including a string JSON can write
    /// but .NET cannot read (an escaped lone surrogate, "\ud800"), which would otherwise throw.
    /// </summary>
    public static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The decoder's message, which names the JSON path ("$.spec.brokers.replicas").</summary>
    private static string Reason(Exception e) => e is JsonException { Path: { Length: > 0 } path } json && !json.Message.Contains(path, StringComparison.Ordinal)
        ? $"{json.Message} (at {path})"
        : e.Message;
}
