namespace Actors.Deploy.Tests.Monitoring;

/// <summary>The exporter names the operator's instruments (and Orleans' activation count) as controller-runtime and the dashboards do.</summary>
public sealed class ExportedSeriesTests
{
    [Theory]
    [InlineData("reconcile_total")]
    [InlineData("reconcile_time_seconds_bucket")]
    [InlineData("reconcile_time_seconds_count")]
    [InlineData("workqueue_depth")]
    [InlineData("rest_client_requests_total")]
    [InlineData("rest_client_request_duration_seconds_bucket")]
    [InlineData("orleans_grains")]
    [InlineData("grain_calls_total")]
    [InlineData("grain_call_duration_seconds_bucket")]
    [InlineData("kafka_nodes_ready")]
    [InlineData("kafka_nodes_desired")]
    [InlineData("kafka_rollout_progress")]
    public void The_series_is_exported_under_its_conventional_name(string series) =>
        Assert.True(ExportedSeries.Names.Contains(series), $"{series} is not exported. The operator exports: {string.Join(", ", ExportedSeries.Names.Order())}");

}
