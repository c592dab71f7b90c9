using System.Text.Json.Nodes;
using Actors.Emulator.Auth;
using Actors.Emulator.Lifecycle;
using Actors.Emulator.Patching;
using Actors.Emulator.Protobuf;
using Actors.Emulator.Storage;
using Actors.Emulator.Tables;
using Actors.Emulator.Watch;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Handlers;

/// <summary>Serves the verbs on one resource path: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceHandler(ObjectStore store, ResourceCatalog catalog, ObjectLifecycle lifecycle, TableRenderer tables, WatchStream watches, TimeProvider time)
{
    public static string VerbOf(HttpRequest request, ApiPath path) => request.Method switch
    {
        "GET" when path.WatchPrefix || request.Query["watch"] is var w && (w == "true" || w == "1") => "watch",
        "GET" => path.Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => path.Name is null ? "deletecollection" : "delete",
        _ => "unknown",
    };

    public async Task Handle(HttpContext ctx, ApiPath path, ResourceType type, string verb, Caller caller)
    {
        if (type.Namespaced == false && path.Namespace is not null) throw ApiError.NotFound(type, path.Name ?? "");
        if (PodBindingEndpoint.Serves(path, type, verb)) { await PodBindingEndpoint.Handle(ctx, path, type, caller, lifecycle); return; }
        if (path.Subresource is not null && !(path.Subresource == "status" && type.HasStatus))
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource");
        switch (verb)
        {
            case "get": await Get(ctx, path, type); break;
            case "list": await List(ctx, path, type); break;
            case "watch": await Watch(ctx, path, type); break;
            case "create": await Create(ctx, path, type, caller); break;
            case "update": await Replace(ctx, path, type, caller); break;
            case "patch": await Patch(ctx, path, type, caller); break;
            case "delete": await Delete(ctx, path, type, caller); break;
            case "deletecollection": await DeleteCollection(ctx, path, type, caller); break;
            default: throw ApiError.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    static JsonObject Present(ResourceType type, JsonObject o)
    {
        var copy = o.CloneObject();
        copy["apiVersion"] = type.GroupVersion;
        return copy;
    }

    static bool WantsTable(HttpRequest r) => r.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    static string IncludeObject(HttpRequest r) => r.Query["includeObject"].ToString() is { Length: > 0 } v ? v : "Metadata";

    async Task Get(HttpContext ctx, ApiPath path, ResourceType type)
    {
        var obj = store.Get(type.StorageKey, path.Namespace, path.Name!) ?? throw ApiError.NotFound(type, path.Name!);
        if (WantsTable(ctx.Request))
            await Responses.Json(ctx, 200, tables.Render(type, [Present(type, obj)], IncludeObject(ctx.Request),
                new JsonObject { ["resourceVersion"] = obj.ResourceVersion() }));
        else await Responses.Json(ctx, 200, Present(type, obj));
    }

    async Task List(HttpContext ctx, ApiPath path, ResourceType type)
    {
        var query = ListQuery.From(ctx.Request);
        List<JsonObject> all;
        long revision, compacted;
        lock (store.Gate)
        {
            all = store.List(type.StorageKey, path.Namespace);
            revision = store.Revision;
            compacted = store.CompactedRevision;
        }
        var (page, meta) = query.Select(all, revision, compacted);
        var items = page.Select(o => Present(type, o)).ToList();
        if (WantsTable(ctx.Request))
        {
            await Responses.Json(ctx, 200, tables.Render(type, items, IncludeObject(ctx.Request), meta));
            return;
        }
        await Responses.Json(ctx, 200, new JsonObject
        {
            ["kind"] = type.ListKind, ["apiVersion"] = type.GroupVersion, ["metadata"] = meta,
            ["items"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()),
        });
    }

    Task Watch(HttpContext ctx, ApiPath path, ResourceType type)
    {
        var query = ListQuery.From(ctx.Request);
        if (path.Name is not null)
            query = query with { Fields = Selectors.FieldSelector.Parse($"metadata.name={path.Name}") };
        var table = WantsTable(ctx.Request);
        var include = IncludeObject(ctx.Request);
        JsonNode Render(JsonObject o) => table
            ? tables.Render(type, [Present(type, o)], include, new JsonObject { ["resourceVersion"] = o.ResourceVersion() })
            : Present(type, o);
        return watches.Serve(ctx, type, path.Namespace, query, WatchRequest.From(ctx.Request), Render);
    }

    static WriteOptions Options(HttpContext ctx, Caller caller, string defaultManager)
    {
        var q = ctx.Request.Query;
        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            var agent = ctx.Request.Headers.UserAgent.ToString();
            manager = agent.Length > 0 ? agent.Split('/')[0] : defaultManager;
        }
        var validation = q["fieldValidation"].ToString() switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Ignore" => FieldValidation.Ignore,
            "Strict" => FieldValidation.Strict,
            var other => throw new ApiError(422, "Invalid",
                $"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        return new WriteOptions(caller.User, manager, DryRun(ctx), validation) { UserAgent = ctx.Request.Headers.UserAgent.ToString() };
    }

    /// <summary>Repeated keys in a body: refused under Strict, a warning under Warn, silently the last value under Ignore.</summary>
    static void Duplicates(ResourceType type, JsonObject? body, List<string> duplicates, WriteOptions options)
    {
        if (duplicates.Count == 0) return;
        var problems = duplicates.Select(d => $"duplicate field \"{d}\"");
        if (options.Validation == FieldValidation.Strict)
            throw ObjectLifecycle.StrictDecodingError(type, body?.Text("metadata", "name") ?? "", problems);
        if (options.Validation == FieldValidation.Warn) options.Warnings.AddRange(problems);
    }

    /// <summary>Warning headers as kube-apiserver writes them (code 299, agent "-"), which kubectl prints as "Warning: ...".</summary>
    static void WriteWarnings(HttpContext ctx, WriteOptions options)
    {
        foreach (var warning in options.Warnings.Distinct())
            ctx.Response.Headers.Append("Warning", $"299 - {AsciiQuoted(warning)}");
    }

    /// <summary>Go's strconv.QuoteToASCII, which keeps the header value within what HTTP allows.</summary>
    static string AsciiQuoted(string text)
    {
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in text)
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return quoted.Append('"').ToString();
    }

    static bool DryRun(HttpContext ctx) => ctx.Request.Query["dryRun"].Any(v => v == "All");

    static async Task<string> Body(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        return await reader.ReadToEndAsync();
    }

    static async Task<JsonObject> JsonBody(HttpContext ctx, ResourceType type, WriteOptions options)
    {
        if ((ctx.Request.ContentType ?? "").StartsWith(ProtobufObjects.ContentType, StringComparison.Ordinal))
        {
            if (!ProtobufObjects.Supports(type))
                throw new ApiError(415, "UnsupportedMediaType", $"the emulator reads protobuf only for namespaces, configmaps, secrets and serviceaccounts; send {type.Plural} as application/json");
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            try { return ProtobufObjects.Decode(type, buffer.ToArray()); }
            catch (FormatException e) { throw ApiError.BadRequest($"the body of the request was in an unknown format: {e.Message}"); }
        }
        var text = await Body(ctx);
        var duplicates = new List<string>();
        JsonObject body;
        try
        {
            body = YamlDocument.ParseObject(text, duplicates);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or YamlDotNet.Core.YamlException)
        {
            throw ApiError.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }
        Duplicates(type, body, duplicates, options);
        return body;
    }

    /// <summary>An apply configuration must be of the resource's version (server-side apply's own message) and kind.</summary>
    static void CheckApplyKind(ResourceType type, JsonObject config)
    {
        var kind = config.Text("kind");
        var apiVersion = config.Text("apiVersion");
        if (apiVersion is not null && apiVersion != type.GroupVersion)
            throw ApiError.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {type.GroupVersion}");
        if (kind is not null && kind != type.Kind)
            throw ApiError.BadRequest($"the kind in the apply patch ({kind}) is not the kind of the resource ({type.Kind})");
    }

    async Task Create(HttpContext ctx, ApiPath path, ResourceType type, Caller caller)
    {
        if (path.Name is not null) throw ApiError.MethodNotAllowed("POST is not allowed on a named resource");
        var options = Options(ctx, caller, "unknown");
        var body = await JsonBody(ctx, type, options);
        TypeMeta.Check(type, body, catalog);
        var created = lifecycle.Create(type, path.Namespace, body, options);
        WriteWarnings(ctx, options);
        await Responses.Json(ctx, 201, Present(type, created));
    }

    async Task Replace(HttpContext ctx, ApiPath path, ResourceType type, Caller caller)
    {
        if (path.Name is null) throw ApiError.MethodNotAllowed("PUT needs a resource name");
        var options = Options(ctx, caller, "unknown");
        var body = await JsonBody(ctx, type, options);
        TypeMeta.Check(type, body, catalog);
        var (result, _) = lifecycle.Update(type, path.Namespace, path.Name, path.Subresource, _ => body,
            options, "update", requireResourceVersion: true);
        WriteWarnings(ctx, options);
        await Responses.Json(ctx, 200, Present(type, result));
    }

    async Task Patch(HttpContext ctx, ApiPath path, ResourceType type, Caller caller)
    {
        if (path.Name is null) throw ApiError.MethodNotAllowed("PATCH needs a resource name");
        var contentType = (ctx.Request.ContentType ?? "").Split(';')[0].Trim();
        var text = await Body(ctx);
        var options = Options(ctx, caller, "unknown");
        Func<JsonObject?, JsonObject> change;
        var verb = "patch";
        switch (contentType)
        {
            case "application/merge-patch+json":
                var merge = ParseJson(text, type, options);
                change = current => JsonMergePatch.Apply(current, merge) as JsonObject ?? throw ApiError.BadRequest("patch must be an object");
                break;
            case "application/json-patch+json":
                var ops = ParseJson(text, type, options) as JsonArray ?? throw ApiError.BadRequest("a JSON patch must be an array of operations");
                change = current => JsonPatch.Apply(current!, ops) as JsonObject ?? throw ApiError.BadRequest("the patched document is not an object");
                break;
            case "application/strategic-merge-patch+json":
                if (type.IsCustom)
                    throw new ApiError(415, "UnsupportedMediaType",
                        $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
                var strategic = ParseJson(text, type, options) as JsonObject ?? throw ApiError.BadRequest("patch must be an object");
                change = current => StrategicMergePatch.Apply(type, current!, strategic);
                break;
            case "application/apply-patch+yaml" or "application/apply-patch+cbor":
                var manager = ctx.Request.Query["fieldManager"].ToString();
                if (manager.Length == 0)
                    throw ApiError.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
                JsonObject config;
                var repeated = new List<string>();
                try { config = YamlDocument.ParseObject(text, repeated); }
                catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or YamlDotNet.Core.YamlException)
                { throw ApiError.BadRequest($"error decoding YAML: {e.Message}"); }
                Duplicates(type, config, repeated, options);
                CheckApplyKind(type, config);
                if (config.Text("metadata", "name") is { } n && n != path.Name)
                    throw ApiError.BadRequest($"the name of the object ({n}) does not match the name on the URL ({path.Name})");
                var force = ctx.Request.Query["force"] == "true";
                var now = ObjectMeta.Timestamp(time.GetUtcNow());
                verb = "apply";
                change = current =>
                {
                    var live = current ?? new JsonObject
                    {
                        ["apiVersion"] = type.GroupVersion, ["kind"] = type.Kind,
                        ["metadata"] = new JsonObject { ["name"] = path.Name, ["namespace"] = path.Namespace },
                    };
                    var applied = ServerSideApply.Apply(type, live, config, manager, force, path.Subresource, now);
                    if (config.Text("metadata", "resourceVersion") is { } rv) applied.Meta()["resourceVersion"] = rv;
                    else if (current is not null) applied.Meta()["resourceVersion"] = current.ResourceVersion();
                    return applied;
                };
                options = options with { FieldManager = manager };
                break;
            default:
                throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(type.IsCustom ? "" : ", application/strategic-merge-patch+json")}");
        }
        var (result, created) = lifecycle.Update(type, path.Namespace, path.Name, path.Subresource, change, options, verb);
        WriteWarnings(ctx, options);
        await Responses.Json(ctx, created ? 201 : 200, Present(type, result));
    }

    static JsonNode? ParseJson(string text, ResourceType type, WriteOptions options)
    {
        var duplicates = new List<string>();
        JsonNode? node;
        try { node = JsonText.Parse(text, duplicates); }
        catch (System.Text.Json.JsonException e) { throw ApiError.BadRequest($"error decoding patch: {e.Message}"); }
        Duplicates(type, node as JsonObject, duplicates, options);
        return node;
    }

    async Task<DeleteOptions> DeleteOptionsOf(HttpContext ctx, Caller caller)
    {
        var q = ctx.Request.Query;
        var text = await Body(ctx);
        JsonObject body;
        try { body = text.Trim().Length > 0 ? JsonText.Parse(text) as JsonObject ?? new JsonObject() : new JsonObject(); }
        catch (System.Text.Json.JsonException e) { throw ApiError.BadRequest($"the body of the request was in an unknown format: {e.Message}"); }
        long? grace = long.TryParse(q["gracePeriodSeconds"], out var g) ? g : body.Number("gracePeriodSeconds");
        var policy = q["propagationPolicy"].ToString() is { Length: > 0 } p ? p : body.Text("propagationPolicy");
        var orphan = q["orphanDependents"].ToString() is { Length: > 0 } o ? o == "true"
            : body["orphanDependents"] is JsonValue ov && ov.TryGetValue<bool>(out var ob) && ob;
        if (policy is null && orphan) policy = "Orphan";
        if (policy is not null && policy is not ("Background" or "Foreground" or "Orphan"))
            throw ApiError.BadRequest($"propagationPolicy {policy} is not supported: Background, Foreground or Orphan");
        var dryRun = DryRun(ctx) || (body["dryRun"] is JsonArray d && d.Any(x => x?.GetValue<string>() == "All"));
        return new DeleteOptions(caller.User, grace, policy, dryRun, body.Text("preconditions", "uid"), body.Text("preconditions", "resourceVersion"))
        {
            UserAgent = ctx.Request.Headers.UserAgent.ToString(),
        };
    }

    async Task Delete(HttpContext ctx, ApiPath path, ResourceType type, Caller caller)
    {
        if (path.Subresource is not null) throw ApiError.MethodNotAllowed("DELETE is not allowed on a subresource");
        var options = await DeleteOptionsOf(ctx, caller);
        var result = lifecycle.Delete(type, path.Namespace, path.Name!, options);
        await Responses.Json(ctx, 200, Present(type, result));
    }

    async Task DeleteCollection(HttpContext ctx, ApiPath path, ResourceType type, Caller caller)
    {
        var query = ListQuery.From(ctx.Request);
        var options = await DeleteOptionsOf(ctx, caller);
        var deleted = new List<JsonObject>();
        foreach (var o in store.List(type.StorageKey, path.Namespace).Where(query.Matches))
            deleted.Add(Present(type, lifecycle.Delete(type, o.Namespace(), o.Name(), options)));
        await Responses.Json(ctx, 200, new JsonObject
        {
            ["kind"] = type.ListKind, ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.Revision.ToString() },
            ["items"] = new JsonArray(deleted.Select(d => (JsonNode?)d).ToArray()),
        });
    }
}
