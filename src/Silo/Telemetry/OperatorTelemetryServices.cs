namespace Actors.Silo.Telemetry;

public static class OperatorTelemetryServices
{
    /// <summary>Registers the telemetry pipelines and the Prometheus scrape. The instruments live with their owners (runtime, client, grains).</summary>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PrometheusScrape>();
        services.AddSingleton(provider => new OperatorTelemetry(configuration, provider.GetRequiredService<PrometheusScrape>()));
        return services;
    }

    /// <summary>
    /// Starts the pipelines now (so the first requests are traced and measured) and serves
    /// GET /metrics in the Prometheus text format.
    /// </summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app, string path = "/metrics")
    {
        var telemetry = app.ServiceProvider.GetRequiredService<OperatorTelemetry>();
        app.MapGet(path, () => Results.Text(telemetry.Scrape.Collect(TimeSpan.FromSeconds(10)), PrometheusText.ContentType))
            .ExcludeFromDescription();
        return app;
    }
}
