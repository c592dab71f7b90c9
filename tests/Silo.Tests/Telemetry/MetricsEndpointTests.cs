using Actors.Contracts.Kafka;
using Actors.Grains.Telemetry;
using System.Net;
using System.Runtime.CompilerServices;
using Actors.Silo.Watchers;
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
        var controller = $"metrics-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(2, new("controller", controller), new("result", "success"));
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "error"));

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE reconcile_total counter\n", text);
        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"success\"}} 2\n", text);
        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"error\"}} 1\n", text);
    }

    [Fact]
    public async Task Counters_are_cumulative_across_scrapes()
    {
        var controller = $"cumulative-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));
        await ScrapeAsync();
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));

        var text = await ScrapeAsync();

        Assert.Contains($"reconcile_total{{controller=\"{controller}\",result=\"success\"}} 2\n", text);
    }

    [Fact]
    public async Task Reconcile_time_is_a_histogram_with_second_buckets()
    {
        var controller = $"histogram-{Guid.NewGuid():N}";
        ReconcileTelemetry.Record(controller, "success", TimeSpan.FromMilliseconds(30));
        ReconcileTelemetry.Record(controller, "success", TimeSpan.FromSeconds(2));

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
    public async Task Kafka_gauges_show_each_clusters_latest_status_until_it_is_forgotten()
    {
        var cluster = $"kafka/gauge-{Guid.NewGuid():N}";
        ClusterMetrics.Observe(cluster, new KafkaClusterStatus { ReadyBrokers = 2, Brokers = 3, Controllers = 3, ReadyControllers = 3 });
        ClusterMetrics.Observe(cluster, new KafkaClusterStatus
        {
            ReadyBrokers = 3, Brokers = 4, Controllers = 3, ReadyControllers = 3,
            Operation = new OperationStatus { Type = "Roll", Progress = "3/6" },
        });

        // The work-queue gauge belongs to the watchers' trigger; this test silo runs none, so publish it.
        RuntimeHelpers.RunClassConstructor(typeof(ReconcileTrigger).TypeHandle);

        var text = await ScrapeAsync();

        Assert.Contains("# TYPE kafka_nodes_ready gauge\n", text);
        Assert.Contains($"kafka_nodes_ready{{cluster=\"{cluster}\",role=\"broker\"}} 3\n", text);
        Assert.Contains($"kafka_nodes_desired{{cluster=\"{cluster}\",role=\"broker\"}} 4\n", text);
        Assert.Contains($"kafka_rollout_progress{{cluster=\"{cluster}\"}} 0.5\n", text);
        Assert.Contains("workqueue_depth{name=\"kafkacluster\"} ", text);

        ClusterMetrics.Forget(cluster);
        Assert.DoesNotContain(cluster, await ScrapeAsync());
    }

    [Fact]
    public async Task Label_values_are_escaped()
    {
        var controller = $"escape-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "say \"no\"\\\nnow"));

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
