using System.Text.Json.Nodes;
using Actors.Emulator.Auth;
using Actors.Emulator.Discovery;
using Actors.Emulator.Faults;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Emulator.Hosting;

/// <summary>
/// Every request's path through the emulator: public endpoints, bearer-token authentication,
/// the admin endpoints, discovery and OpenAPI, then faults and authorization, then the resource.
/// Failures become Status objects.
/// </summary>
internal sealed class RequestPipeline(
    TokenAuthenticator tokens, ResourceCatalog catalog, DiscoveryDocuments discovery, OpenApiDocuments openApi,
    ResourceHandler resources, AdminEndpoints admin, FaultInjector faults, TimeProvider time, Func<string> serverUrl)
{
    /// <summary>kube-apiserver's limit on a request body it will decode (3 MiB).</summary>
    public const long MaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>The most of an oversized body read (and discarded) so that the client can read its 413 instead of a reset.</summary>
    const long MaxDrainedBytes = 64 * 1024 * 1024;

    public async Task Invoke(HttpContext ctx)
    {
        try
        {
            if (ctx.Request.ContentLength > MaxRequestBodyBytes) await RefuseOversizedBody(ctx);
            await Route(ctx);
        }
        catch (ApiError e) when (!ctx.Response.HasStarted)
        {
            await Responses.Error(ctx, e);
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted && e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel stops reading at MaxRequestBodySize, the 3 MiB kube-apiserver allows a write's body.
            await Responses.Error(ctx, new ApiError(413, "RequestEntityTooLarge", $"Request entity too large: limit is {MaxRequestBodyBytes}"));
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            await Responses.Error(ctx, ApiError.BadRequest(e.Message));
        }
        catch (Exception e) when (!ctx.Response.HasStarted && e is not OperationCanceledException)
        {
            await Responses.Error(ctx, new ApiError(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>
    /// Kestrel would refuse a declared length over the limit before reading anything and close the
    /// connection under a client still sending; reading the body first lets the client see the 413.
    /// </summary>
    static async Task RefuseOversizedBody(HttpContext ctx)
    {
        if (ctx.Request.ContentLength <= MaxDrainedBytes && ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDrainedBytes;
            await ctx.Request.Body.CopyToAsync(Stream.Null, ctx.RequestAborted);
        }
        throw new BadHttpRequestException("request body too large", StatusCodes.Status413PayloadTooLarge);
    }

    async Task Route(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (path is "/version" or "/version/") { await Responses.Json(ctx, 200, discovery.Version()); return; }
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync("ok");
            return;
        }
        var caller = tokens.Authenticate(ctx.Request.Headers.Authorization.ToString()) ?? throw new ApiError(401, "Unauthorized", "Unauthorized");
        if (path.StartsWith("/emulator/", StringComparison.Ordinal)) { await admin.Handle(ctx, path, caller); return; }
        if (await ServeDiscovery(ctx, path)) return;

        var apiPath = ApiPath.Parse(path) ?? throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        var type = catalog.Find(apiPath.Group, apiPath.Version, apiPath.Plural)
            ?? throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        var verb = ResourceHandler.VerbOf(ctx.Request, apiPath);

        var delay = faults.LatencyFor(verb, type.Plural, apiPath.Namespace, apiPath.Name, apiPath.Subresource);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, time, ctx.RequestAborted);
        if (faults.TakeFailure(verb, type.Plural, apiPath.Namespace, apiPath.Name, apiPath.Subresource) is { } fault)
            throw Responses.ForCode(fault.StatusCode, fault.Message);

        if (!caller.CanWrite && verb is not ("get" or "list" or "watch"))
            throw new ApiError(403, "Forbidden",
                $"{type.QualifiedName}{(apiPath.Name is null ? "" : $" \"{apiPath.Name}\"")} is forbidden: User \"{caller.User}\" cannot {verb} resource \"{type.Plural}\" in API group \"{type.Group}\"{(apiPath.Namespace is null ? " at the cluster scope" : $" in the namespace \"{apiPath.Namespace}\"")}")
            { Resource = type, Name = apiPath.Name };
        await resources.Handle(ctx, apiPath, type, verb, caller);
    }

    async Task<bool> ServeDiscovery(HttpContext ctx, string path)
    {
        var aggregated = ctx.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        var trimmed = path.TrimEnd('/');
        JsonNode? doc = null;
        var contentType = "application/json";
        switch (trimmed)
        {
            case "/api":
                if (aggregated) { doc = discovery.Aggregated(core: true); contentType = DiscoveryDocuments.AggregatedContentType; }
                else doc = DiscoveryDocuments.CoreVersions(serverUrl());
                break;
            case "/apis":
                if (aggregated) { doc = discovery.Aggregated(core: false); contentType = DiscoveryDocuments.AggregatedContentType; }
                else doc = discovery.GroupList();
                break;
            case "/openapi/v3":
                doc = openApi.Root();
                break;
            case "/openapi/v2":
                throw new ApiError(404, "NotFound", "the emulator serves OpenAPI v3 only (/openapi/v3)");
            default:
                if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
                {
                    doc = openApi.Document(trimmed["/openapi/v3/".Length..]) ?? throw new ApiError(404, "NotFound", "no OpenAPI document for " + trimmed);
                    break;
                }
                var segs = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var isDiscovery = segs is ["api", _] or ["apis", _] or ["apis", _, _];
                doc = segs switch
                {
                    ["api", var v] => discovery.ResourceList("", v),
                    ["apis", var g] => discovery.GroupDocument(g),
                    ["apis", var g, var v] => discovery.ResourceList(g, v),
                    _ => null,
                };
                if (doc is null && isDiscovery)
                    throw new ApiError(404, "NotFound", "the server could not find the requested resource");
                break;
        }
        if (doc is null) return false;
        if (ctx.Request.Method != "GET") throw ApiError.MethodNotAllowed("discovery documents are read-only");
        await Responses.Json(ctx, 200, doc, contentType);
        return true;
    }
}
