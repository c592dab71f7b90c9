using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Actors.Grains.Telemetry;
using Actors.Silo.Tests.Api;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Dashboard;

public sealed class DashboardEventsTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync(
            options => options.WatchHeartbeat = TimeSpan.FromSeconds(5),
            new Dictionary<string, string?> { ["Dashboard:RefreshInterval"] = "00:00:01" });
        silo.Clusters.Add(FakeClusterOperations.Demo());
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<ServerSentEventReader> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next block that is the named event (or comment), skipping runtime updates other tests may cause.</summary>
    private static async Task<IReadOnlyList<string>> NextAsync(ServerSentEventReader events, string first)
    {
        while (true)
        {
            var block = await events.NextAsync();
            Assert.NotNull(block);
            if (block[0] == first) return block;
            Assert.True(block[0] is "event: runtime" or ": dashboard", $"unexpected block: {string.Join(" | ", block)}");
        }
    }

    private static JsonElement Data(IReadOnlyList<string> block) => JsonDocument.Parse(block[1]["data: ".Length..]).RootElement;

    private async Task NextRefreshAsync()
    {
        await silo.Time.WaitForTimersAsync();
        silo.Time.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_feed_needs_a_read_token_like_the_rest_of_the_api()
    {
        using var client = silo.Client();

        var response = await client.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_feed_opens_with_every_cluster_its_nodes_and_latest_events_then_the_runtime()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        using var events = await OpenAsync(client);

        var clusters = Data(await NextAsync(events, "event: clusters"));
        var runtime = Data(await NextAsync(events, "event: runtime"));

        var demo = Assert.Single(clusters.EnumerateArray());
        Assert.Equal("demo", demo.GetProperty("cluster").GetProperty("name").GetString());
        Assert.Equal(2, demo.GetProperty("cluster").GetProperty("nodes").GetArrayLength());
        Assert.Equal("RollingRestart", demo.GetProperty("cluster").GetProperty("operation").GetProperty("kind").GetString());
        var recent = demo.GetProperty("recentEvents").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Equal(["BrokerNotReady", "BrokerRestarted"], recent); // newest first
        Assert.True(runtime.TryGetProperty("methods", out _));
    }

    [Fact]
    public async Task A_change_of_a_cluster_is_pushed_at_the_next_refresh()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        using var events = await OpenAsync(client);
        await NextAsync(events, "event: clusters");

        silo.Clusters.Publish(FakeClusterOperations.Demo(brokers: 4) with { Phase = "Scaling" });
        await NextRefreshAsync();

        var cluster = Data(await NextAsync(events, "event: clusters"))[0].GetProperty("cluster");
        Assert.Equal("Scaling", cluster.GetProperty("phase").GetString());
        Assert.Equal(4, cluster.GetProperty("desiredBrokers").GetInt32());
    }

    [Fact]
    public async Task A_new_cluster_appears_and_a_deleted_one_disappears()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        using var events = await OpenAsync(client);
        await NextAsync(events, "event: clusters");

        silo.Clusters.Add(FakeClusterOperations.Demo(name: "logs"));
        await NextRefreshAsync();
        var added = Data(await NextAsync(events, "event: clusters"));
        silo.Clusters.Delete("kafka", "demo");
        await NextRefreshAsync();
        var deleted = Data(await NextAsync(events, "event: clusters"));

        Assert.Equal(["demo", "logs"], added.EnumerateArray().Select(c => c.GetProperty("cluster").GetProperty("name").GetString()));
        Assert.Equal(["logs"], deleted.EnumerateArray().Select(c => c.GetProperty("cluster").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Nothing_is_resent_while_nothing_changes_only_a_heartbeat_when_quiet()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        using var events = await OpenAsync(client);
        await NextAsync(events, "event: clusters");

        // Time moves on until the heartbeat comes: a runtime update (any grain call in the process)
        // resets the quiet period, so a fixed number of refreshes could stop short of it.
        using var quiet = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!quiet.IsCancellationRequested) await NextRefreshAsync();
        });

        // Had the unchanged clusters been sent again, NextAsync would fail on that block.
        Assert.Equal([": heartbeat"], await NextAsync(events, ": heartbeat"));
        await quiet.CancelAsync();
        await clock;
    }

    [Fact]
    public async Task The_runtime_statistics_need_a_token_and_show_the_runtimes_grain_calls()
    {
        var grainType = $"DashboardProbeGrain{Guid.NewGuid():N}";
        using var meter = new Meter(GrainCallTelemetry.MeterName);
        meter.CreateCounter<long>(GrainCallTelemetry.GrainCallsTotal).Add(3,
            new(GrainCallTelemetry.GrainTypeTag, grainType), new(GrainCallTelemetry.MethodTag, "Probe"), new(GrainCallTelemetry.ResultTag, GrainCallTelemetry.ResultOk));
        using var anonymous = silo.Client();
        using var reader = silo.Client(TestSilo.ReadToken);

        var denied = await anonymous.GetAsync("/api/v1/runtime");
        var runtime = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/runtime")).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        var probe = Assert.Single(runtime.GetProperty("methods").EnumerateArray(), m => m.GetProperty("grainType").GetString() == grainType);
        Assert.Equal("Probe", probe.GetProperty("method").GetString());
        Assert.Equal(3, probe.GetProperty("calls").GetInt64());
    }
}
