using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Patching;

/// <summary>One metadata.managedFields entry: who set which fields, how, and when.</summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, string? Subresource, FieldSet Fields)
{
    public bool SameOwner(ManagedFieldsEntry o) => Manager == o.Manager && Operation == o.Operation && Subresource == o.Subresource;

    public JsonObject ToJson()
    {
        var e = new JsonObject
        {
            ["manager"] = Manager, ["operation"] = Operation, ["apiVersion"] = ApiVersion, ["time"] = Time,
            ["fieldsType"] = "FieldsV1", ["fieldsV1"] = Fields.ToFieldsV1(),
        };
        if (Subresource is not null) e["subresource"] = Subresource;
        return e;
    }

    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        obj.At("metadata", "managedFields") is JsonArray a
            ? a.OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
                e.Text("manager") ?? "", e.Text("operation") ?? "Update", e.Text("apiVersion") ?? "", e.Text("time") ?? "",
                e.Text("subresource"), FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject))).ToList()
            : [];

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = entries.Where(e => e.Fields.Count > 0).ToList();
        if (list.Count == 0) obj.Meta().Remove("managedFields");
        else obj.Meta()["managedFields"] = new JsonArray(list.Select(e => (JsonNode?)e.ToJson()).ToArray());
    }
}

/// <summary>How a non-apply write (create, update, patch) changes field ownership: the writer takes every field it changed.</summary>
public static class UpdateOwnership
{
    public static List<ManagedFieldsEntry> Record(ResourceType type, JsonObject? before, JsonObject after,
        List<ManagedFieldsEntry> entries, string manager, string? subresource, string now)
    {
        var isStatus = subresource == "status";
        var present = FieldSet.Of(type, after, isStatus);
        var changed = present.Paths.Where(p => before is null || !JsonNode.DeepEquals(FieldSet.ValueAt(before, p), FieldSet.ValueAt(after, p))).ToList();
        var gone = before is null ? [] : FieldSet.Of(type, before, isStatus).Except(present.Paths).Paths.ToList();
        var result = new List<ManagedFieldsEntry>();
        var mine = new ManagedFieldsEntry(manager, "Update", type.GroupVersion, now, subresource, FieldSet.Empty);
        foreach (var e in entries)
        {
            // The writer's own entry keeps its time unless this write changes a field: a write that
            // changes nothing then leaves the object as it was, and nothing is stored.
            if (e.SameOwner(mine)) { mine = mine with { Fields = e.Fields, Time = e.Time }; continue; }
            result.Add(e with { Fields = e.Fields.Except(changed).Except(gone) });
        }
        if (changed.Count > 0 || mine.Fields.Count > 0)
            result.Add(mine with { Fields = mine.Fields.Except(gone).Union(changed), Time = changed.Count > 0 ? now : mine.Time });
        return result;
    }
}
