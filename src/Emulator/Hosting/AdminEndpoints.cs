using System.Text.Json.Nodes;
using Actors.Emulator.Audit;
using Actors.Emulator.Auth;
using Actors.Emulator.Faults;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Hosting;

/// <summary>
/// /emulator/* — the test controls over HTTP, for processes that do not hold the C# object:
/// <list type="bullet">
/// <item>POST /emulator/faults {"action":"fail","count":2,"code":503,"verb":"create","resource":"pods","namespace":..,"name":..,"message":..}</item>
/// <item>POST /emulator/faults {"action":"latency","milliseconds":200,"verb":..,"resource":..}</item>
/// <item>POST /emulator/faults {"action":"closeWatches"} | {"action":"expireHistory"} | {"action":"clear"}; GET lists pending failures</item>
/// <item>GET /emulator/kubelet → {"paused":false}; POST/PUT {"paused":true}</item>
/// <item>GET /emulator/audit[?resource=pods&amp;namespace=..&amp;name=..&amp;objects=true] → the write log (objects=true adds each stored object)</item>
/// </list>
/// Reading needs any valid token; changing needs the admin token.
/// </summary>
internal sealed class AdminEndpoints(FaultInjector faults, KubeletSwitch kubelet, AuditLog audit)
{
    public async Task Handle(HttpContext ctx, string path, Caller caller)
    {
        var write = ctx.Request.Method is "POST" or "PUT" or "DELETE";
        if (write && !caller.CanWrite)
            throw new ApiError(403, "Forbidden", $"User \"{caller.User}\" cannot change the emulator's controls");
        switch (path.TrimEnd('/'), ctx.Request.Method)
        {
            case ("/emulator/faults", "GET"):
                await Responses.Json(ctx, 200, new JsonObject
                {
                    ["failures"] = new JsonArray(faults.PendingFailures.Select(f => (JsonNode?)new JsonObject
                    {
                        ["verb"] = f.Match.Verb, ["resource"] = f.Match.Resource, ["namespace"] = f.Match.Namespace,
                        ["name"] = f.Match.Name, ["code"] = f.StatusCode, ["remaining"] = f.Remaining,
                    }).ToArray()),
                });
                return;
            case ("/emulator/faults", "POST"):
                await Faults(ctx);
                return;
            case ("/emulator/faults", "DELETE"):
                faults.Clear();
                await Responses.Json(ctx, 200, new JsonObject { ["cleared"] = true });
                return;
            case ("/emulator/kubelet", "GET"):
                await Responses.Json(ctx, 200, new JsonObject { ["paused"] = kubelet.Paused });
                return;
            case ("/emulator/kubelet", "POST" or "PUT"):
                var body = await Body(ctx);
                if (body["paused"] is not JsonValue v || !v.TryGetValue<bool>(out var paused))
                    throw ApiError.BadRequest("expected {\"paused\": true|false}");
                kubelet.Paused = paused;
                await Responses.Json(ctx, 200, new JsonObject { ["paused"] = kubelet.Paused });
                return;
            case ("/emulator/audit", "GET"):
                var q = ctx.Request.Query;
                var includeObjects = q["objects"] == "true";
                var records = audit.Records.Where(r =>
                    (q["resource"].Count == 0 || r.Resource == q["resource"]) &&
                    (q["namespace"].Count == 0 || r.Namespace == q["namespace"]) &&
                    (q["name"].Count == 0 || r.Name == q["name"]));
                await Responses.Json(ctx, 200, new JsonObject
                {
                    ["items"] = new JsonArray(records.Select(r => (JsonNode?)new JsonObject
                    {
                        ["sequence"] = r.Sequence, ["time"] = r.Time.ToString("O"), ["verb"] = r.Verb, ["group"] = r.Group,
                        ["resource"] = r.Resource, ["namespace"] = r.Namespace, ["name"] = r.Name,
                        ["subresource"] = r.Subresource, ["resourceVersion"] = r.ResourceVersion, ["user"] = r.User,
                        ["removed"] = r.Removed, ["object"] = includeObjects ? r.Object.DeepClone() : null,
                    }).ToArray()),
                });
                return;
            default:
                throw new ApiError(404, "NotFound", $"no emulator control at {ctx.Request.Method} {path}");
        }
    }

    async Task Faults(HttpContext ctx)
    {
        var body = await Body(ctx);
        var match = new RequestMatch(body.Text("verb"), body.Text("resource"), body.Text("namespace"), body.Text("name"), body.Text("subresource"));
        switch (body.Text("action"))
        {
            case "fail":
                faults.FailNext((int)(body.Number("count") ?? 1), (int)(body.Number("code") ?? 500), match, body.Text("message"));
                break;
            case "latency":
                faults.AddLatency(TimeSpan.FromMilliseconds(body.Number("milliseconds") ?? 0), match);
                break;
            case "closeWatches": faults.CloseAllWatches(); break;
            case "expireHistory": faults.ExpireHistory(); break;
            case "clear": faults.Clear(); break;
            default: throw ApiError.BadRequest("action must be one of fail, latency, closeWatches, expireHistory, clear");
        }
        await Responses.Json(ctx, 200, new JsonObject { ["ok"] = true });
    }

    static async Task<JsonObject> Body(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync();
        try { return text.Trim().Length == 0 ? new JsonObject() : JsonText.Parse(text) as JsonObject ?? new JsonObject(); }
        catch (System.Text.Json.JsonException e) { throw ApiError.BadRequest("invalid JSON: " + e.Message); }
    }
}
