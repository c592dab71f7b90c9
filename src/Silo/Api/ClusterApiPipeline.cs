namespace Actors.Silo.Api;

public static class ClusterApiPipeline
{
    /// <summary>
    /// Middleware the HTTP API relies on: problem details for unhandled errors and for bare
    /// status codes (unknown route, wrong method), and a span per /api request.
    /// Call before mapping endpoints.
    /// </summary>
    public static IApplicationBuilder UseClusterApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseMiddleware<ApiRequestTracing>());
        return app;
    }
}
