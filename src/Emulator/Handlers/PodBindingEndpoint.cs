using System.Text.Json.Nodes;
using Actors.Emulator.Auth;
using Actors.Emulator.Lifecycle;
using Actors.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Handlers;

/// <summary>POST /api/v1/namespaces/{ns}/pods/{name}/binding with a v1 Binding; answers a Success Status like kube-apiserver.</summary>
internal static class PodBindingEndpoint
{
    public static bool Serves(ApiPath path, ResourceType type, string verb) =>
        path.Subresource == "binding" && type.StorageKey == "/pods" && path.Name is not null && path.Namespace is not null && verb == "create";

    public static async Task Handle(HttpContext ctx, ApiPath path, ResourceType type, Caller caller, ObjectLifecycle lifecycle)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonObject binding;
        try { binding = Json.Parse(text); }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        { throw ApiError.BadRequest($"the body of the request was in an unknown format: {e.Message}"); }
        if (binding.Text("kind") is { } kind && kind != "Binding")
            throw ApiError.BadRequest($"expected a Binding, got {kind}");
        if (binding.Text("metadata", "name") is { Length: > 0 } name && name != path.Name)
            throw ApiError.BadRequest($"the name of the binding ({name}) does not match the pod on the URL ({path.Name})");
        var manager = ctx.Request.Query["fieldManager"].ToString() is { Length: > 0 } m ? m : "kube-scheduler";
        var dryRun = ctx.Request.Query["dryRun"].Any(v => v == "All");
        lifecycle.Bind(type, path.Namespace!, path.Name!, binding,
            new WriteOptions(caller.User, manager, dryRun) { UserAgent = ctx.Request.Headers.UserAgent.ToString() });
        await Responses.Json(ctx, 201, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201,
        });
    }
}
