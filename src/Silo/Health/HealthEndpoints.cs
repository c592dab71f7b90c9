using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Silo.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// Adds a part of /readyz. The check is the singleton <typeparamref name="T"/>, so the
    /// component that knows (e.g. the operator's silos) can be registered first and be the check.
    /// </summary>
    public static IServiceCollection AddReadinessCheck<T>(this IServiceCollection services)
        where T : class, IReadinessCheck
    {
        services.TryAddSingleton<T>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, T>(provider => provider.GetRequiredService<T>()));
        return services;
    }

    /// <summary>
    /// /healthz: 200 while the process serves requests (liveness).
    /// /readyz: 200 when every <see cref="IReadinessCheck"/> is ready, else 503; the JSON body
    /// lists each check with its detail. A check that throws counts as not ready.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n")).ExcludeFromDescription();
        app.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken) =>
        {
            var results = new List<object>();
            var ready = true;
            foreach (var check in checks)
            {
                ReadinessResult result;
                try
                {
                    result = await check.CheckAsync(cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    result = new(false, $"check failed: {error.Message}");
                }

                ready &= result.Ready;
                results.Add(new { name = check.Name, ready = result.Ready, detail = result.Detail });
            }

            return Results.Json(
                new { status = ready ? "ready" : "not ready", checks = results },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }
}
