using Actors.Contracts.Kafka;
using Actors.Grains.Telemetry;
using System.Net;
using System.Runtime.CompilerServices;
using Actors.Silo.Watchers;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>What a scraper reads on /metrics, served by OpenTelemetry's Prometheus exporter.</summary>
[Collection(ScrapeCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<ScrapedText> ScrapeAsync()
    {
        using var client = silo.Client();
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return new ScrapedText(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reconcile_counters_are_exposed_with_their_labels_and_total()
    {
        var controller = $"metrics-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(2, new("controller", controller), new("result", "success"));
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "error"));

        var scrape = await ScrapeAsync();

        Assert.Equal("counter", scrape.Types["reconcile_total"]);
        Assert.Equal(2, scrape.Value("reconcile_total", ("controller", controller), ("result", "success")));
        Assert.Equal(1, scrape.Value("reconcile_total", ("controller", controller), ("result", "error")));
    }

    [Fact]
    public async Task Counters_are_cumulative_across_scrapes()
    {
        var controller = $"cumulative-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));
        await ScrapeAsync();
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));

        var scrape = await ScrapeAsync();

        Assert.Equal(2, scrape.Value("reconcile_total", ("controller", controller), ("result", "success")));
    }

    [Fact]
    public async Task Reconcile_time_is_a_histogram_with_second_buckets()
    {
        var controller = $"histogram-{Guid.NewGuid():N}";
        ReconcileTelemetry.Record(controller, "success", TimeSpan.FromMilliseconds(30));
        ReconcileTelemetry.Record(controller, "success", TimeSpan.FromSeconds(2));

        var scrape = await ScrapeAsync();

        Assert.Equal("histogram", scrape.Types["reconcile_time_seconds"]);
        Assert.Equal(0, scrape.Value("reconcile_time_seconds_bucket", ("controller", controller), ("le", "0.025")));
        Assert.Equal(1, scrape.Value("reconcile_time_seconds_bucket", ("controller", controller), ("le", "0.05")));
        Assert.Equal(2, scrape.Value("reconcile_time_seconds_bucket", ("controller", controller), ("le", "2.5")));
        Assert.Equal(2, scrape.Value("reconcile_time_seconds_bucket", ("controller", controller), ("le", "+Inf")));
        Assert.Equal(2.03, scrape.Value("reconcile_time_seconds_sum", ("controller", controller)), precision: 9);
        Assert.Equal(2, scrape.Value("reconcile_time_seconds_count", ("controller", controller)));
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
        RuntimeHelpers.RunClassConstructor(typeof(Actors.Grains.Cluster.ReconcileSlots).TypeHandle);

        var scrape = await ScrapeAsync();

        Assert.Equal("gauge", scrape.Types["kafka_nodes_ready"]);
        Assert.Equal(3, scrape.Value("kafka_nodes_ready", ("cluster", cluster), ("role", "broker")));
        Assert.Equal(4, scrape.Value("kafka_nodes_desired", ("cluster", cluster), ("role", "broker")));
        Assert.Equal(0.5, scrape.Value("kafka_rollout_progress", ("cluster", cluster)));
        Assert.Equal("gauge", scrape.Types["workqueue_depth"]);
        Assert.Single(scrape.Find("workqueue_depth", ("name", "kafkacluster")));

        ClusterMetrics.Forget(cluster);
        Assert.DoesNotContain(cluster, (await ScrapeAsync()).Text);
    }

    [Fact]
    public async Task Label_values_are_escaped()
    {
        var controller = $"escape-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "say \"no\"\\\nnow"));

        var scrape = await ScrapeAsync();

        Assert.Contains("result=\"say \\\"no\\\"\\\\\\nnow\"", scrape.Text);
        Assert.Equal(1, scrape.Value("reconcile_total", ("controller", controller), ("result", "say \"no\"\\\nnow")));
    }

    [Fact]
    public async Task Operator_series_carry_the_scope_label_and_the_process_has_one_target_info()
    {
        var controller = $"scope-{Guid.NewGuid():N}";
        ReconcileTelemetry.ReconcileTotal.Add(1, new("controller", controller), new("result", "success"));

        var scrape = await ScrapeAsync();

        Assert.Single(scrape.Find("reconcile_total", ("controller", controller), ("otel_scope_name", "Actors")));
        var target = Assert.Single(scrape.Samples, s => s.Name == "target_info");
        Assert.Equal("actors-operator", target.Labels["service_name"]);
    }

    [Fact]
    public async Task Scrapers_need_no_token_even_when_the_API_refuses_anonymous_reads()
    {
        using var anonymous = silo.Client();

        var api = await anonymous.GetAsync("/api/v1/clusters");
        var metrics = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task ASP_NET_Core_request_durations_are_exposed_in_seconds()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        await client.GetAsync("/api/v1/clusters");

        var scrape = await ScrapeAsync();

        Assert.Equal("histogram", scrape.Types["http_server_request_duration_seconds"]);
        Assert.NotEmpty(scrape.Find("http_server_request_duration_seconds_count", ("http_route", "/api/v1/clusters")));
    }

    [Fact]
    public async Task HttpClient_requests_and_the_dotnet_runtime_are_measured()
    {
        using var client = silo.Client();
        await client.GetAsync("/healthz"); // this process's HttpClient is measured too

        var scrape = await ScrapeAsync();

        Assert.Equal("histogram", scrape.Types["http_client_request_duration_seconds"]);
        Assert.Equal("counter", scrape.Types["dotnet_gc_heap_total_allocated_bytes_total"]);
        Assert.True(scrape.Value("dotnet_process_cpus") >= 1);
    }

    [Fact]
    public async Task No_gauge_or_counter_ends_in_the_count_suffix_Prometheus_keeps_for_histograms()
    {
        var scrape = await ScrapeAsync();

        var misnamed = scrape.Types.Where(t => t.Value is "gauge" or "counter" && t.Key.EndsWith("_count", StringComparison.Ordinal)).Select(t => t.Key).ToList();

        Assert.True(misnamed.Count == 0, $"These would read as histogram counts in PromQL and fail `promtool check metrics`: {string.Join(", ", misnamed)}");
    }
}
