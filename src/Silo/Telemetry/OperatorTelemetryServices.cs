using System.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The process's OpenTelemetry pipelines, started and stopped with the host: traces from every
/// "Actors.*" source, Orleans' grain calls, and the ASP.NET Core and HttpClient instrumentations; metrics from the
/// "Actors" meter, Orleans' own, ASP.NET Core, HttpClient and the .NET runtime, served on /metrics by the
/// Prometheus exporter and, when the OTEL_EXPORTER_OTLP_* variables say so (<see cref="OtlpExport"/>),
/// pushed by OTLP. The instruments live with their owners (Orleans, client, grains, watchers).
/// </summary>
public static class OperatorTelemetryServices
{
    public const string MetricsPath = "/metrics";

    /// <summary>Second-based buckets for the operator's own histograms (their names end in _seconds).</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <param name="configuration">Where the OTEL_* settings come from (the host's configuration includes the environment).</param>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var export = OtlpExport.From(key => configuration[key]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "actors-operator"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ActorsTelemetry.SourcePrefix + "*", ActorsTelemetry.OrleansSources)
                    // A span per Prometheus scrape would only bury the operator's own.
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation();
                if (export.Traces)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ActorsTelemetry.MeterName, ActorsTelemetry.OrleansMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .RenameRuntimeCountGauges()
                    .AddView(instrument => instrument is Histogram<double> && instrument.Meter.Name == ActorsTelemetry.MeterName
                        ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                        : null)
                    .AddView(OrleansSeries.Select)
                    // Every scrape collects afresh, so a value is as new as the scrape that reads it.
                    .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                if (export.Metrics)
                {
                    metrics.AddOtlpExporter((OtlpExporterOptions _, MetricReaderOptions reader) =>
                        reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative);
                }
            });
        return services;
    }

    /// <summary>
    /// Serves GET /metrics in the Prometheus text format (OpenMetrics when the scraper asks for it),
    /// open to anonymous scrapers like the health endpoints, and left out of the OpenAPI document.
    /// </summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        return app;
    }
}
