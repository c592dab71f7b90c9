using System.Text.Json;
using k8s;
using k8s.Models;

namespace Actors.Kubernetes;

/// <summary>A whole collection as one consistent snapshot: the readable items, the ones skipped, and where a watch resumes.</summary>
public sealed record CollectionSnapshot<T>(IReadOnlyList<T> Items, IReadOnlyList<UndecodableObject> Skipped, string? ResourceVersion);

/// <summary>
/// Lists a collection page by page, decoding each item on its own (see <see cref="ObjectDecoder"/>).
/// The resourceVersion is that of the snapshot the pages were served from.
/// </summary>
public static class CollectionList
{
    public static async Task<CollectionSnapshot<T>> ReadAsync<T>(k8s.Kubernetes client, ResourceType type, string? @namespace,
        string? labelSelector, string? fieldSelector, long? pageSize, CancellationToken cancellationToken, bool dropManagedFields = false)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var items = new List<T>();
        var skipped = new List<UndecodableObject>();
        string? resourceVersion = null;
        string? next = null;
        do
        {
            var query = new QueryString(type.CollectionPath(@namespace))
                .Add("labelSelector", labelSelector)
                .Add("fieldSelector", fieldSelector)
                .Add("limit", pageSize)
                .Add("continue", next);
            using var response = await ApiTransport.GetAsync(client, query.ToString(), cancellationToken).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(stream, ObjectDecoder.Documents, cancellationToken).ConfigureAwait(false);
            next = ReadPage(page.RootElement, type, items, skipped, ref resourceVersion, dropManagedFields);
        }
        while (next is not null);
        return new CollectionSnapshot<T>(items, skipped, resourceVersion);
    }

    /// <summary>Decodes one page into <paramref name="items"/> and <paramref name="skipped"/>; returns its continue token.</summary>
    internal static string? ReadPage<T>(JsonElement root, ResourceType type, List<T> items, List<UndecodableObject> skipped, ref string? resourceVersion,
        bool dropManagedFields = false)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        string? next = null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"A page of {type} is not an object.");
        if (ObjectDecoder.Property(root, "metadata") is { } metadata)
        {
            if (ObjectDecoder.Property(metadata, "resourceVersion") is { } rv && ObjectDecoder.Text(rv) is { } version) resourceVersion = version;
            if (ObjectDecoder.Property(metadata, "continue") is { } c && ObjectDecoder.Text(c) is { Length: > 0 } token) next = token;
        }
        if (ObjectDecoder.Property(root, "items") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var element in array.EnumerateArray())
            {
                if (ObjectDecoder.TryDecode<T>(element, type, deleted: false, out var item, out var bad, ObjectDecoder.Options(dropManagedFields))) items.Add(item!);
                else skipped.Add(bad!);
            }
        }
        return next;
    }
}
