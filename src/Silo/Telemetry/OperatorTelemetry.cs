using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The process's OpenTelemetry pipelines, wired by hand (no hosting package): traces from
/// every "Actors.*" source, metrics from the "Actors" meter and ASP.NET Core's meters, read
/// by the Prometheus scrape and, when configured (<see cref="OtlpExport"/>), pushed by OTLP.
/// </summary>
public sealed class OperatorTelemetry : IDisposable
{
    /// <summary>Second-based buckets for every histogram whose name ends in _seconds.</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
    ];

    private readonly TracerProvider tracing;
    private readonly MeterProvider metrics;

    /// <param name="configuration">Where the OTEL_* settings come from (the host's configuration includes the environment).</param>
    public OperatorTelemetry(IConfiguration configuration, PrometheusScrape scrape)
    {
        Scrape = scrape;
        Export = OtlpExport.From(key => configuration[key]);
        var resource = ResourceBuilder.CreateDefault().AddService(configuration["OTEL_SERVICE_NAME"] ?? "actors-operator");

        var tracingBuilder = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(resource)
            .AddSource(ActorsTelemetry.SourcePrefix + "*");
        if (Export.Traces)
        {
            tracingBuilder.AddOtlpExporter();
        }

        tracing = tracingBuilder.Build();

        var metricsBuilder = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(resource)
            .AddMeter(ActorsTelemetry.MeterName)
            .AddMeter(AspNetCoreMeters)
            .AddView(instrument => instrument.Name.EndsWith("_seconds", StringComparison.Ordinal) && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                : null)
            .AddReader(scrape.Reader);
        if (Export.Metrics)
        {
            metricsBuilder.AddOtlpExporter((OtlpExporterOptions _, MetricReaderOptions reader) =>
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative);
        }

        metrics = metricsBuilder.Build();
    }

    public OtlpExport Export { get; }

    public PrometheusScrape Scrape { get; }

    /// <summary>Sends everything buffered to the OTLP exporters (e.g. before shutdown).</summary>
    public void Flush(TimeSpan timeout)
    {
        tracing.ForceFlush((int)timeout.TotalMilliseconds);
        metrics.ForceFlush((int)timeout.TotalMilliseconds);
    }

    public void Dispose()
    {
        tracing.Dispose();
        metrics.Dispose();
    }
}
