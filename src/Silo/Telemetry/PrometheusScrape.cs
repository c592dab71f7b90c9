using OpenTelemetry.Metrics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The metric reader behind GET /metrics. Each <see cref="Collect"/> makes the SDK collect
/// every instrument into the <see cref="PrometheusExporter"/> and returns the text; scrapes
/// are serialised so two never interleave their exports.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly Lock gate = new();
    private readonly PrometheusExporter exporter = new();

    public PrometheusScrape()
    {
        Reader = new BaseExportingMetricReader(exporter)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };
    }

    /// <summary>Add to the MeterProvider (once).</summary>
    public MetricReader Reader { get; }

    public string Collect(TimeSpan timeout)
    {
        lock (gate)
        {
            // A failed collection (e.g. during shutdown) still answers with the last text.
            Reader.Collect((int)timeout.TotalMilliseconds);
            return exporter.Text;
        }
    }
}
