using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// Turns each collection of the SDK's metrics into Prometheus text. It sits inside a
/// <see cref="BaseExportingMetricReader"/> with cumulative temporality and is driven by
/// <see cref="PrometheusScrape"/>: every scrape collects, so values are as fresh as the scrape.
/// </summary>
public sealed class PrometheusExporter : BaseExporter<Metric>
{
    private string text = "";

    /// <summary>The text written by the latest export.</summary>
    public string Text => Volatile.Read(ref text);

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var output = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in batch)
        {
            if (ToFamily(metric) is { } family && written.Add(family.Name))
            {
                PrometheusText.Write(output, family);
            }
        }

        Volatile.Write(ref text, output.ToString());
        return ExportResult.Success;
    }

    private static PrometheusFamily? ToFamily(Metric metric)
    {
        var type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => PrometheusType.Counter,
            MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic or MetricType.LongGauge or MetricType.DoubleGauge => PrometheusType.Gauge,
            MetricType.Histogram => PrometheusType.Histogram,
            _ => (PrometheusType?)null, // exponential histograms have no 0.0.4 form
        };
        if (type is not { } kind)
        {
            return null;
        }

        var samples = new List<PrometheusSample>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = new List<KeyValuePair<string, string>>();
            foreach (var tag in point.Tags)
            {
                labels.Add(new(PrometheusNames.Label(tag.Key), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }

            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    samples.Add(new("", labels, point.GetSumLong()));
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    samples.Add(new("", labels, point.GetSumDouble()));
                    break;
                case MetricType.LongGauge:
                    samples.Add(new("", labels, point.GetGaugeLastValueLong()));
                    break;
                case MetricType.DoubleGauge:
                    samples.Add(new("", labels, point.GetGaugeLastValueDouble()));
                    break;
                case MetricType.Histogram:
                    long cumulative = 0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        samples.Add(new("_bucket", [.. labels, new("le", PrometheusText.Number(bucket.ExplicitBound))], cumulative));
                    }

                    samples.Add(new("_sum", labels, point.GetHistogramSum()));
                    samples.Add(new("_count", labels, point.GetHistogramCount()));
                    break;
            }
        }

        return new PrometheusFamily(PrometheusNames.Metric(metric.Name, metric.Unit, kind), metric.Description ?? "", kind, samples);
    }
}
