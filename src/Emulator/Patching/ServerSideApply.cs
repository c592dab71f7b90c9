using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Patching;

/// <summary>
/// Server-side apply: merges a manager's configuration into the live object, keeping field
/// ownership in managedFields. A field another manager owns with a different value is a conflict
/// (409) unless forced; fields the manager applied before but no longer does are removed when no
/// one else owns them.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(ResourceType type, JsonObject live, JsonObject config, string manager, bool force,
        string? subresource, string now)
    {
        var isStatus = subresource == "status";
        var applied = FieldSet.Of(type, config, isStatus);
        var entries = ManagedFieldsEntry.Read(live);
        var me = new ManagedFieldsEntry(manager, "Apply", type.GroupVersion, now, subresource, applied);
        var previousEntry = entries.FirstOrDefault(e => e.SameOwner(me));
        var previous = previousEntry?.Fields ?? FieldSet.Empty;
        // Re-applying the same fields keeps the entry's time, so an unchanged apply is a no-op.
        if (previousEntry is not null && previous.Count == applied.Count && previous.Paths.All(applied.Contains))
            me = me with { Time = previousEntry.Time };
        var others = entries.Where(e => !e.SameOwner(me)).ToList();

        var conflicts = new List<(ManagedFieldsEntry Owner, string Path)>();
        foreach (var other in others)
            foreach (var p in applied.Intersect(other.Fields))
                if (!p.EndsWith('.') && !JsonNode.DeepEquals(FieldSet.ValueAt(live, p), FieldSet.ValueAt(config, p)))
                    conflicts.Add((other, p));
        if (conflicts.Count > 0 && !force) throw ConflictError(type, live.Name(), conflicts);

        var result = live.CloneObject();
        // Fields this manager stops applying go away unless someone else still owns them.
        var othersOwn = others.SelectMany(o => o.Fields.Paths).ToHashSet();
        foreach (var p in previous.Except(applied.Paths).Paths.OrderByDescending(p => p.Length))
        {
            var prefix = p.EndsWith('.') ? p[..^1] : p;
            if (!othersOwn.Any(o => o.StartsWith(prefix, StringComparison.Ordinal))) FieldSet.RemoveAt(result, p);
        }
        Merge(type, result, config, [], isStatus, root: true);

        var forced = conflicts.Select(c => c.Path).ToHashSet();
        var updated = others.Select(o => o with { Fields = o.Fields.Except(forced) }).ToList();
        updated.Add(me);
        ManagedFieldsEntry.Write(result, updated);
        return result;
    }

    static ApiError ConflictError(ResourceType type, string name, List<(ManagedFieldsEntry Owner, string Path)> conflicts)
    {
        var causes = conflicts.Select(c => new StatusCause("FieldManagerConflict",
            $"conflict with \"{c.Owner.Manager}\"{(c.Owner.Operation == "Update" ? $" using {c.Owner.ApiVersion}" : "")}",
            FieldSet.Describe(c.Path))).ToList();
        var list = string.Join("\n", causes.Select(c => $"- {c.Message}: {c.Field}"));
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: {causes[0].Message}: {causes[0].Field}"
            : $"Apply failed with {conflicts.Count} conflicts: {list}";
        return new ApiError(409, "Conflict", message) { Resource = type, Name = name, Causes = causes };
    }

    static void Merge(ResourceType type, JsonObject target, JsonObject config, List<string> path, bool isStatus, bool root = false)
    {
        foreach (var (key, value) in config)
        {
            if (root && type.HasStatus && (key == "status") != isStatus && key is not ("apiVersion" or "kind" or "metadata")) continue;
            if (root && isStatus && key == "metadata") continue;
            if (root && key == "metadata" && value is JsonObject meta)
            {
                var targetMeta = target.Meta();
                foreach (var (mk, mv) in meta)
                    if (mk is "labels" or "annotations" or "finalizers" or "ownerReferences")
                    {
                        path.AddRange(["metadata", mk]);
                        MergeValue(type, targetMeta, mk, mv, path, isStatus);
                        path.RemoveRange(path.Count - 2, 2);
                    }
                continue;
            }
            if (root && key is "apiVersion" or "kind") continue;
            path.Add(key);
            MergeValue(type, target, key, value, path, isStatus);
            path.RemoveAt(path.Count - 1);
        }
    }

    static void MergeValue(ResourceType type, JsonObject target, string key, JsonNode? value, List<string> path, bool isStatus)
    {
        switch (value)
        {
            case null: target.Remove(key); break;
            case JsonObject o when o.Count > 0:
                var child = target[key] as JsonObject ?? new JsonObject();
                target[key] = child;
                Merge(type, child, o, path, isStatus);
                break;
            case JsonArray a when ListMergeKeys.For(type, path) is { } keys && target[key] is JsonArray existing:
                foreach (var item in a.OfType<JsonObject>())
                {
                    var match = existing.OfType<JsonObject>().FirstOrDefault(e => ListMergeKeys.KeyOf(e, keys) == ListMergeKeys.KeyOf(item, keys));
                    if (match is null) existing.Add(item.DeepClone());
                    else Merge(type, match, item, path, isStatus);
                }
                break;
            default: target[key] = value.DeepClone(); break;
        }
    }
}
