using Actors.Silo.Api;
using Actors.Silo.Api.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The built-in dashboard: the page at <c>/</c> with its assets under <c>/dashboard/</c>, its
/// live feed at <c>GET /dashboard/events</c> and the runtime statistics at <c>GET /api/v1/runtime</c>.
/// </summary>
/// <remarks>
/// Access: the page and its assets hold no data and are public; the feed and the statistics
/// need a read (or admin) bearer token like every other read of the API — the dashboard is
/// not a side door around it. The page takes the token once from the URL fragment
/// (<c>http://127.0.0.1:8080/#token=…</c>; a fragment is never sent to the server, so it stays
/// out of access logs and Referer headers) or from a prompt, keeps it in sessionStorage (gone
/// when the tab closes) and sends it as an Authorization header on a fetch-streamed event
/// stream (EventSource cannot send headers, and a token in the query string would be logged).
/// With Api:AnonymousReads set, no token is needed at all.
/// </remarks>
public static class DashboardEndpoints
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<DashboardOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(DashboardOptions.Section));
        services.AddSingleton(provider => new RuntimeStatistics(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<DashboardOptions>>().Value.StatisticsWindowSeconds));
        services.AddSingleton(provider => new RuntimeStatisticsListener(provider.GetRequiredService<RuntimeStatistics>()));
        services.AddSingleton<DashboardClusters>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // Listen from now on, before any grain runtime starts, so no activation goes uncounted.
        app.ServiceProvider.GetRequiredService<RuntimeStatisticsListener>();

        app.MapGet("/", (HttpContext context) => DashboardAssets.Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/dashboard.css", (HttpContext context) => DashboardAssets.Serve(context, "dashboard.css")).ExcludeFromDescription();
        app.MapGet("/dashboard/dashboard.js", (HttpContext context) => DashboardAssets.Serve(context, "dashboard.js")).ExcludeFromDescription();

        app.MapGet("/dashboard/events", Events)
            .AddEndpointFilter(new RequireRoleFilter(ApiRole.Read))
            .ExcludeFromDescription();

        app.MapGroup("/api/v1").AddEndpointFilter(new RequireRoleFilter(ApiRole.Read))
            .MapGet("/runtime", (RuntimeStatisticsListener runtime) => TypedResults.Ok(runtime.Snapshot()))
            .WithTags("Runtime")
            .WithName("GetRuntimeStatistics")
            .WithSummary("Shows the actor runtime: activations per grain type, and calls per second, latency and errors per grain method.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static DashboardEventStream Events(
        DashboardClusters clusters, RuntimeStatisticsListener runtime, IOptions<DashboardOptions> options, IOptions<ClusterApiOptions> api,
        IOptions<JsonOptions> json, TimeProvider time, ILoggerFactory loggers) =>
        new(clusters, runtime, options.Value.RefreshInterval, api.Value.WatchHeartbeat, time, json.Value.SerializerOptions,
            loggers.CreateLogger(typeof(DashboardEventStream)));
}
