using System.Diagnostics;
using Actors.Silo.Telemetry;

namespace Actors.Silo.Api;

/// <summary>
/// One "Actors.Api" span per HTTP API request, named by its route template
/// ("GET /api/v1/clusters/{namespace}/{name}") so spans group by operation, not by cluster.
/// </summary>
public sealed class ApiRequestTracing(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var activity = ActorsTelemetry.Api.StartActivity($"{context.Request.Method} {context.Request.Path}", ActivityKind.Server);
        if (activity is null)
        {
            await next(context);
            return;
        }

        activity.SetTag("http.request.method", context.Request.Method);
        activity.SetTag("url.path", context.Request.Path.Value);
        try
        {
            await next(context);
        }
        catch (Exception error)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            throw;
        }
        finally
        {
            if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
            {
                activity.DisplayName = $"{context.Request.Method} {route}";
                activity.SetTag("http.route", route);
            }

            if (context.Request.RouteValues.TryGetValue("namespace", out var ns) && context.Request.RouteValues.TryGetValue("name", out var name))
            {
                activity.SetTag("actors.cluster", $"{ns}/{name}");
            }

            activity.SetTag("http.response.status_code", context.Response.StatusCode);
            if (context.Response.StatusCode >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
