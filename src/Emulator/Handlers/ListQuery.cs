using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Selectors;
using Actors.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Handlers;

/// <summary>
/// A list request's selection and paging. The continue token is opaque to clients: it holds the
/// list's revision and the last key served; once that revision leaves the history the token
/// expires with 410, as with etcd compaction.
/// </summary>
internal sealed record ListQuery(LabelSelector Labels, FieldSelector Fields, int? Limit, string? Continue)
{
    public static ListQuery From(HttpRequest request)
    {
        var q = request.Query;
        int? limit = int.TryParse(q["limit"], out var l) && l > 0 ? l : null;
        return new ListQuery(LabelSelector.Parse(q["labelSelector"]), FieldSelector.Parse(q["fieldSelector"]), limit,
            string.IsNullOrEmpty(q["continue"]) ? null : q["continue"].ToString());
    }

    public bool Matches(JsonObject o) => Labels.Matches(o.Labels()) && Fields.Matches(o);

    public (List<JsonObject> Page, JsonObject ListMeta) Select(List<JsonObject> all, long revision, long compacted)
    {
        var listRevision = revision;
        IEnumerable<JsonObject> items = all.Where(Matches);
        if (Continue is not null)
        {
            var (tokenRevision, startAfter) = Decode(Continue);
            if (tokenRevision < compacted)
                throw ApiError.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            listRevision = tokenRevision;
            items = items.Where(o => string.CompareOrdinal(Key(o), startAfter) > 0);
        }
        var remaining = items.ToList();
        var meta = new JsonObject { ["resourceVersion"] = listRevision.ToString() };
        if (Limit is { } limit && remaining.Count > limit)
        {
            var page = remaining.Take(limit).ToList();
            meta["continue"] = Encode(listRevision, Key(page[^1]));
            meta["remainingItemCount"] = remaining.Count - limit;
            return (page, meta);
        }
        return (remaining, meta);
    }

    static string Key(JsonObject o) => $"{o.Namespace()}/{o.Name()}";

    static string Encode(long revision, string start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = start }.ToJsonString()));

    static (long Revision, string Start) Decode(string token)
    {
        try
        {
            var o = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token))) as JsonObject;
            if (o?.Number("rv") is { } rv && o.Text("start") is { } start) return (rv, start);
        }
        catch (FormatException) { }
        catch (System.Text.Json.JsonException) { }
        throw ApiError.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
}
