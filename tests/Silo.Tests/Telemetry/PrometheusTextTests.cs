using System.Text;
using Actors.Silo.Telemetry;

namespace Actors.Silo.Tests.Telemetry;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", PrometheusType.Histogram, "http_server_request_duration_seconds")]
    [InlineData("reconcile_time_seconds", "s", PrometheusType.Histogram, "reconcile_time_seconds")]
    [InlineData("reconcile_total", null, PrometheusType.Counter, "reconcile_total")]
    [InlineData("grain.calls", null, PrometheusType.Counter, "grain_calls_total")]
    [InlineData("bytes.sent", "By", PrometheusType.Counter, "bytes_sent_bytes_total")]
    [InlineData("kestrel.active_connections", "{connection}", PrometheusType.Gauge, "kestrel_active_connections")]
    [InlineData("1st-metric", null, PrometheusType.Gauge, "_1st_metric")]
    [InlineData("ns:metric", null, PrometheusType.Gauge, "ns:metric")]
    public void Instrument_names_become_prometheus_names(string instrument, string? unit, PrometheusType type, string expected) =>
        Assert.Equal(expected, PrometheusNames.Metric(instrument, unit, type));

    [Theory]
    [InlineData("http.route", "http_route")]
    [InlineData("__name__", "key__name__")]
    [InlineData("9lives", "_9lives")]
    [InlineData("a:b", "a_b")]
    public void Label_names_are_sanitised(string key, string expected) => Assert.Equal(expected, PrometheusNames.Label(key));

    [Fact]
    public void A_family_is_written_with_help_type_and_escaped_samples()
    {
        var text = new StringBuilder();

        PrometheusText.Write(text, new PrometheusFamily("kafka_nodes_ready", "Ready nodes\nper cluster \\ role", PrometheusType.Gauge,
        [
            new("", [new("cluster", "kafka/\"demo\""), new("role", "broker")], 3),
            new("", [], double.NaN),
        ]));

        Assert.Equal(
            "# HELP kafka_nodes_ready Ready nodes\\nper cluster \\\\ role\n" +
            "# TYPE kafka_nodes_ready gauge\n" +
            "kafka_nodes_ready{cluster=\"kafka/\\\"demo\\\"\",role=\"broker\"} 3\n" +
            "kafka_nodes_ready NaN\n",
            text.ToString());
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(12345678901.0, "12345678901")]
    public void Numbers_use_the_exposition_format(double value, string expected) => Assert.Equal(expected, PrometheusText.Number(value));
}
