using System.Net;
using System.Text.Json;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

public sealed class ClusterWatchTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync(options => options.WatchHeartbeat = TimeSpan.FromSeconds(15));
        silo.Clusters.Add(FakeClusterOperations.Demo());
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<(HttpResponseMessage Response, ServerSentEventReader Events)> OpenAsync(HttpClient client, string path = "/api/v1/clusters/kafka/demo/watch")
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return (response, new ServerSentEventReader(await response.Content.ReadAsStreamAsync()));
    }

    private static JsonElement Data(IReadOnlyList<string>? block)
    {
        Assert.NotNull(block);
        Assert.Equal("event: cluster", block[0]);
        Assert.StartsWith("data: ", block[1]);
        return JsonDocument.Parse(block[1]["data: ".Length..]).RootElement;
    }

    [Fact]
    public async Task A_watch_streams_the_current_view_then_every_change()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        var (response, events) = await OpenAsync(client);
        using var _ = events;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Running", Data(await events.NextAsync()).GetProperty("phase").GetString());

        silo.Clusters.Publish(FakeClusterOperations.Demo() with { Phase = "Scaling", DesiredBrokers = 5 });
        var scaling = Data(await events.NextAsync());
        silo.Clusters.Publish(FakeClusterOperations.Demo(brokers: 5));
        var done = Data(await events.NextAsync());

        Assert.Equal("Scaling", scaling.GetProperty("phase").GetString());
        Assert.Equal(5, scaling.GetProperty("desiredBrokers").GetInt32());
        Assert.Equal(5, done.GetProperty("readyBrokers").GetInt32());
    }

    [Fact]
    public async Task A_quiet_watch_sends_a_heartbeat_each_period()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        var (_, events) = await OpenAsync(client);
        using var __ = events;
        Data(await events.NextAsync());

        await silo.Time.WaitForTimersAsync();
        silo.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal([": heartbeat"], await events.NextAsync());
    }

    [Fact]
    public async Task A_watch_ends_when_the_cluster_is_deleted()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        var (_, events) = await OpenAsync(client);
        using var __ = events;
        Data(await events.NextAsync());

        silo.Clusters.Delete("kafka", "demo");

        Assert.Null(await events.NextAsync());
    }

    [Fact]
    public async Task A_client_that_leaves_ends_the_operator_side_watch()
    {
        using (var client = silo.Client(TestSilo.ReadToken))
        {
            var (response, events) = await OpenAsync(client);
            Data(await events.NextAsync());
            events.Dispose();
            response.Dispose();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!silo.Clusters.EndedWatches.Contains("kafka/demo"))
        {
            await Task.Delay(20, limit.Token); // waiting on the server noticing the reset, not timing it
        }
    }

    [Fact]
    public async Task A_shutdown_ends_open_watches_instead_of_waiting_on_them()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        var (_, events) = await OpenAsync(client);
        using var __ = events;
        Data(await events.NextAsync());

        var stopping = silo.StopAsync();

        Assert.Null(await events.NextAsync());
        await stopping;
        Assert.Contains("kafka/demo", silo.Clusters.EndedWatches);
    }

    [Fact]
    public async Task Watching_an_unknown_cluster_is_not_found_before_any_event()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/missing/watch");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "KafkaCluster kafka/missing not found");
    }
}
