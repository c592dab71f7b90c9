using System.Net;
using Actors.Silo.Telemetry;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Telemetry;

[Collection(ScrapeCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<string> ScrapeAsync()
    {
        using var client = silo.Client();
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Reconcile_counters_are_exposed_with_their_labels_and_total()
    {
        var metrics = silo.Services.GetRequiredService<OperatorMetrics>();
        var controller = $"metrics-{Guid.NewGuid():N}";
        metrics.ReconcileTotal.Add(2, new("controller", controller), new("result", "success"));
        metrics.ReconcileTotal.Add(1, new("controller", controller), new("result", "error"));

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE reconcile_total counter\n", text);
        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"success\"}} 2\n", text);
        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"error\"}} 1\n", text);
    }

    [Fact]
    public async Task Counters_are_cumulative_across_scrapes()
    {
        var metrics = silo.Services.GetRequiredService<OperatorMetrics>();
        var controller = $"cumulative-{Guid.NewGuid():N}";
        metrics.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));
        await ScrapeAsync();
        metrics.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));

        var text = await ScrapeAsync();

        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"success\"}} 2\n", text);
    }

    [Fact]
    public async Task Reconcile_time_is_a_histogram_with_second_buckets()
    {
        var metrics = silo.Services.GetRequiredService<OperatorMetrics>();
        var controller = $"histogram-{Guid.NewGuid():N}";
        metrics.RecordReconcile(controller, "success", TimeSpan.FromMilliseconds(30));
        metrics.RecordReconcile(controller, "success", TimeSpan.FromSeconds(2));

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE reconcile_time_seconds histogram\n", text);
        Assert.Contains($"reconcile_time_seconds_bucket{{controller=\"{controller}\",le=\"0.025\"}} 0\n", text);
        Assert.Contains($"reconcile_time_seconds_bucket{{controller=\"{controller}\",le=\"0.05\"}} 1\n", text);
        Assert.Contains($"reconcile_time_seconds_bucket{{controller=\"{controller}\",le=\"2.5\"}} 2\n", text);
        Assert.Contains($"reconcile_time_seconds_bucket{{controller=\"{controller}\",le=\"+Inf\"}} 2\n", text);
        Assert.Contains($"reconcile_time_seconds_sum{{controller=\"{controller}\"}} 2.03\n", text);
        Assert.Contains($"reconcile_time_seconds_count{{controller=\"{controller}\"}} 2\n", text);
    }

    [Fact]
    public async Task Kafka_gauges_show_the_last_value_per_cluster()
    {
        var metrics = silo.Services.GetRequiredService<OperatorMetrics>();
        var cluster = $"kafka/gauge-{Guid.NewGuid():N}";
        metrics.NodesReady.Record(2, new("cluster", cluster), new("role", "broker"));
        metrics.NodesReady.Record(3, new("cluster", cluster), new("role", "broker"));
        metrics.RolloutProgress.Record(0.5, new KeyValuePair<string, object?>("cluster", cluster));
        metrics.WorkqueueDepth.Record(7, new KeyValuePair<string, object?>("name", "kafkacluster"));

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE kafka_nodes_ready gauge\n", text);
        Assert.Contains($"kafka_nodes_ready{{cluster=\"{cluster}\",role=\"broker\"}} 3\n", text);
        Assert.Contains($"kafka_rollout_progress{{cluster=\"{cluster}\"}} 0.5\n", text);
        Assert.Contains("workqueue_depth{name=\"kafkacluster\"} 7\n", text);
    }

    [Fact]
    public async Task Label_values_are_escaped()
    {
        var metrics = silo.Services.GetRequiredService<OperatorMetrics>();
        var controller = $"escape-{Guid.NewGuid():N}";
        metrics.ReconcileTotal.Add(1, new("controller", controller), new("result", "say \"no\"\\\nnow"));

        var text = await ScrapeAsync();

        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"say \\\"no\\\"\\\\\\nnow\"}} 1\n", text);
    }

    [Fact]
    public async Task ASP_NET_Core_request_durations_are_exposed_in_seconds()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        await client.GetAsync("/api/v1/clusters");

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", text);
        Assert.Contains("http_server_request_duration_seconds_count{", text);
    }
}
