using k8s.Models;

namespace Actors.Kubernetes.Tests;

public sealed class WatchTests : IAsyncLifetime
{
    private static readonly WatchOptions NoBackoff = new() { ResourceVersion = "10", Backoff = new WatchBackoff(TimeSpan.Zero, TimeSpan.Zero) };
    private TestCluster _cluster = null!;
    private readonly CancellationTokenSource _stop = new();

    private ScriptedApiServer Server => _cluster.Server;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _cluster.DisposeAsync();
    }

    private static async Task<WatchChange<V1Pod>> Next(IAsyncEnumerator<WatchChange<V1Pod>> events)
    {
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)), "the watch ended");
        return events.Current;
    }

    private static string Query(RecordedRequest request, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + request.PathAndQuery).Query).TryGetValue(name, out var v) ? v.ToString() : "";

    [Fact]
    public async Task Events_arrive_in_order_with_their_types_objects_and_resource_versions()
    {
        using var client = _cluster.Client();
        Server.ThenWatch().Send("ADDED", Json.Pod("a", "11")).Send("MODIFIED", Json.Pod("a", "12")).Send("DELETED", Json.Pod("a", "13"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff with { LabelSelector = "app=kafka" }, _stop.Token).GetAsyncEnumerator();
        var seen = new[] { await Next(events), await Next(events), await Next(events) };

        Assert.Equal([WatchChangeType.Added, WatchChangeType.Modified, WatchChangeType.Deleted], seen.Select(e => e.Type));
        Assert.Equal(["11", "12", "13"], seen.Select(e => e.ResourceVersion));
        Assert.All(seen, e => Assert.Equal("a", e.Object!.Metadata.Name));
        var request = Server.Requests.Single();
        Assert.StartsWith("GET /api/v1/namespaces/kafka/pods?watch=true&allowWatchBookmarks=true&resourceVersion=10&labelSelector=app%3Dkafka&timeoutSeconds=", request.RequestLine);
        var timeout = int.Parse(Query(request, "timeoutSeconds"));
        Assert.InRange(timeout, 300, 599);
    }

    [Fact]
    public async Task A_dropped_connection_resumes_from_the_last_resource_version_seen()
    {
        using var client = _cluster.Client();
        var first = Server.ThenWatch().Send("ADDED", Json.Pod("a", "11"));
        Server.ThenWatch().Send("MODIFIED", Json.Pod("a", "12"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        Assert.Equal("11", (await Next(events)).ResourceVersion);
        first.Drop();
        var resumed = await Next(events);

        Assert.Equal(WatchChangeType.Modified, resumed.Type);
        Assert.Equal("12", resumed.ResourceVersion);
        Assert.Equal(["10", "11"], Server.Requests.Select(r => Query(r, "resourceVersion")));
    }

    [Fact]
    public async Task A_server_side_timeout_reopens_the_watch_from_the_last_resource_version()
    {
        using var client = _cluster.Client();
        var first = Server.ThenWatch().Send("ADDED", Json.Pod("a", "21"));
        Server.ThenWatch().Send("ADDED", Json.Pod("b", "22"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        await Next(events);
        first.End();
        var next = await Next(events);

        Assert.Equal("b", next.Object!.Metadata.Name);
        Assert.Equal("21", Query(Server.Requests[1], "resourceVersion"));
    }

    [Fact]
    public async Task Bookmarks_advance_the_resume_point_without_carrying_an_object_change()
    {
        using var client = _cluster.Client();
        var first = Server.ThenWatch().Send("ADDED", Json.Pod("a", "11")).Send("BOOKMARK", Json.Bookmark("500"));
        Server.ThenWatch().Send("MODIFIED", Json.Pod("a", "501"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        await Next(events);
        var bookmark = await Next(events);
        first.End();
        await Next(events);

        Assert.Equal(WatchChangeType.Bookmark, bookmark.Type);
        Assert.Equal("500", bookmark.ResourceVersion);
        Assert.Equal("500", Query(Server.Requests[1], "resourceVersion"));
    }

    [Fact]
    public async Task Gone_as_an_http_status_relists_then_watches_from_the_new_list()
    {
        using var client = _cluster.Client();
        Server.ThenStatus(410, "Expired", "too old resource version: 10 (300)")
            .ThenJson(200, Json.PodList("300", null, Json.Pod("a", "250"), Json.Pod("b", "290")));
        Server.ThenWatch().Send("ADDED", Json.Pod("c", "301"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff with { LabelSelector = "app=kafka" }, _stop.Token).GetAsyncEnumerator();
        var relisted = await Next(events);
        var after = await Next(events);

        Assert.Equal(WatchChangeType.Relisted, relisted.Type);
        Assert.Equal(["a", "b"], relisted.Items!.Select(p => p.Metadata.Name));
        Assert.Equal("300", relisted.ResourceVersion);
        Assert.Equal("c", after.Object!.Metadata.Name);
        Assert.Equal("GET /api/v1/namespaces/kafka/pods?labelSelector=app%3Dkafka&limit=500", Server.Requests[1].RequestLine);
        Assert.Equal("300", Query(Server.Requests[2], "resourceVersion"));
    }

    [Fact]
    public async Task Gone_as_an_error_event_relists_then_watches_from_the_new_list()
    {
        using var client = _cluster.Client();
        Server.ThenWatch().Send("ADDED", Json.Pod("a", "11")).Send("ERROR", Json.Status(410, "Expired", "too old resource version"));
        Server.ThenJson(200, Json.PodList("400", null, Json.Pod("a", "399")));
        Server.ThenWatch().Send("DELETED", Json.Pod("a", "401"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        await Next(events);
        var relisted = await Next(events);
        var deleted = await Next(events);

        Assert.Equal(WatchChangeType.Relisted, relisted.Type);
        Assert.Equal("399", Assert.Single(relisted.Items!).Metadata.ResourceVersion);
        Assert.Equal(WatchChangeType.Deleted, deleted.Type);
        Assert.Equal("400", Query(Server.Requests[2], "resourceVersion"));
    }

    [Fact]
    public async Task Another_error_event_is_shown_and_the_watch_reopens_without_relisting()
    {
        using var client = _cluster.Client();
        Server.ThenWatch().Send("ADDED", Json.Pod("a", "11")).Send("ERROR", Json.Status(500, "InternalError", "etcd hiccup"));
        Server.ThenWatch().Send("MODIFIED", Json.Pod("a", "12"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        await Next(events);
        var error = await Next(events);
        var next = await Next(events);

        Assert.Equal(WatchChangeType.Error, error.Type);
        Assert.Equal("etcd hiccup", error.Error!.Message);
        Assert.Equal(WatchChangeType.Modified, next.Type);
        Assert.Equal(["10", "11"], Server.Requests.Select(r => Query(r, "resourceVersion")));
    }

    [Fact]
    public async Task A_silent_stream_is_abandoned_after_the_idle_timeout_and_reopened_at_once()
    {
        var clock = new WatchedTimeProvider();
        using var client = _cluster.Client(clock);
        var silent = Server.ThenWatch().Send("ADDED", Json.Pod("a", "11"));
        Server.ThenWatch().Send("MODIFIED", Json.Pod("a", "12"));

        var slowBackoff = new WatchOptions { ResourceVersion = "10", Backoff = new WatchBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), IdleTimeout = TimeSpan.FromSeconds(90), TimeProvider = clock };
        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", slowBackoff, _stop.Token).GetAsyncEnumerator();
        await Next(events);
        var next = events.MoveNextAsync().AsTask();
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(90));
        Assert.Single(Server.Requests);
        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("12", events.Current.ResourceVersion);
        Assert.Equal("11", Query(Server.Requests[1], "resourceVersion"));
    }

    [Fact]
    public async Task A_cluster_scoped_kind_is_watched_at_its_cluster_path()
    {
        using var client = _cluster.Client();
        Server.ThenWatch().Send("ADDED", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"kafka","resourceVersion":"5"}}""");

        await using var events = TestCluster.Watch<V1Namespace>(client, null, NoBackoff, _stop.Token).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("kafka", events.Current.Object!.Metadata.Name);
        Assert.StartsWith("GET /api/v1/namespaces?watch=true", Server.Requests.Single().RequestLine);
    }

    [Fact]
    public async Task Failed_attempts_back_off_exponentially_before_reopening()
    {
        var clock = new WatchedTimeProvider();
        using var client = _cluster.Client(clock);
        var backoff = new WatchBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), Jitter: 0.2);
        Server.ThenStatus(500, "InternalError", "down").ThenStatus(500, "InternalError", "still down");
        Server.ThenWatch().Send("ADDED", Json.Pod("a", "11"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", new WatchOptions { ResourceVersion = "10", Backoff = backoff, TimeProvider = clock }, _stop.Token).GetAsyncEnumerator();
        var next = events.MoveNextAsync().AsTask();
        await clock.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromSeconds(1.2));
        Assert.Single(Server.Requests);
        clock.Advance(TimeSpan.FromSeconds(1.2));
        await clock.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(2) && d <= TimeSpan.FromSeconds(2.4));
        Assert.Equal(2, Server.Requests.Count);
        clock.Advance(TimeSpan.FromSeconds(2.4));

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("11", events.Current.ResourceVersion);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task An_object_that_cannot_be_decoded_is_reported_and_the_watch_moves_past_it()
    {
        using var client = _cluster.Client();
        var first = Server.ThenWatch().Send("ADDED", Json.UnreadablePod("poison", "11")).Send("ADDED", Json.Pod("b", "12"));
        Server.ThenWatch().Send("MODIFIED", Json.Pod("b", "13"));

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();
        var skipped = await Next(events);
        var next = await Next(events);
        first.End();
        await Next(events);

        Assert.Equal(WatchChangeType.Undecodable, skipped.Type);
        var poison = Assert.Single(skipped.Skipped);
        Assert.Equal(("kafka", "poison", "uid-poison", "11"), (poison.Namespace, poison.Name, poison.Uid, poison.ResourceVersion));
        Assert.Equal("b", next.Object!.Metadata.Name);
        // Resumed after both, not from before the poison (which would meet it again forever).
        Assert.Equal("12", Query(Server.Requests[1], "resourceVersion"));
    }

    [Fact]
    public async Task A_refused_watch_ends_with_the_error()
    {
        using var client = _cluster.Client();
        Server.ThenStatus(403, "Forbidden", "pods is forbidden: User \"operator\" cannot watch resource \"pods\"");

        await using var events = TestCluster.Watch<V1Pod>(client, "kafka", NoBackoff, _stop.Token).GetAsyncEnumerator();

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(async () => await events.MoveNextAsync());
        Assert.True(error.IsForbidden());
        Assert.Contains("cannot watch", error.ApiMessage());
    }
}

public sealed class WatchBackoffTests
{
    private static readonly WatchBackoff Backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), Jitter: 0.5);

    [Fact]
    public void No_failure_means_no_delay() => Assert.Equal(TimeSpan.Zero, Backoff.DelayAfter(0, 0.7));

    [Fact]
    public void The_delay_doubles_with_each_failure_until_the_cap()
    {
        var delays = Enumerable.Range(1, 7).Select(n => Backoff.DelayAfter(n, 0).TotalMilliseconds);

        Assert.Equal([500, 1000, 2000, 4000, 8000, 8000, 8000], delays);
    }

    [SeededProperty]
    public FsCheck.Property Jitter_adds_at_most_its_share_and_never_exceeds_the_jittered_cap()
    {
        return FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(1, 200)),
            FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(0, 999)),
            (failures, sample) =>
            {
                var random = sample / 1000.0;
                var plain = Backoff.DelayAfter(failures, 0);
                var jittered = Backoff.DelayAfter(failures, random);
                return jittered >= plain && jittered <= plain * 1.5 && jittered <= TimeSpan.FromSeconds(12);
            });
    }
}
