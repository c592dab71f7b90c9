using System.Threading.Channels;
using k8s.Models;

namespace Actors.Kubernetes.Tests;

public sealed class InformerTests : IAsyncLifetime
{
    private static readonly WatchOptions Immediate = new() { Backoff = new WatchBackoff(TimeSpan.Zero, TimeSpan.Zero) };
    private TestCluster _cluster = null!;
    private readonly Channel<string> _told = Channel.CreateUnbounded<string>();

    private ScriptedApiServer Server => _cluster.Server;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private InformerHandler<V1Pod> Recorder(string prefix = "") => new(
        onAdd: p => _told.Writer.TryWrite($"{prefix}add {p.Metadata.Name}@{p.Metadata.ResourceVersion}"),
        onUpdate: (o, n) => _told.Writer.TryWrite($"{prefix}update {n.Metadata.Name}@{o.Metadata.ResourceVersion}->{n.Metadata.ResourceVersion}"),
        onDelete: p => _told.Writer.TryWrite($"{prefix}delete {p.Metadata.Name}"));

    private async Task<List<string>> Told(int count)
    {
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
            seen.Add(await _told.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        return seen;
    }

    [Fact]
    public async Task It_lists_then_watches_from_the_lists_version_and_is_synced_after_the_list()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90", labelsJson: """{"role":"broker"}"""), Json.Pod("c0", "95", labelsJson: """{"role":"controller"}""")));
        var watch = Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", LabelSelector = "app=kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(Recorder());

        Assert.False(informer.HasSynced);
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await watch.Opened;

        Assert.True(informer.HasSynced);
        Assert.Equal(["add b0@90", "add c0@95"], await Told(2));
        Assert.Equal("GET /api/v1/namespaces/kafka/pods?labelSelector=app%3Dkafka&limit=500", Server.Requests[0].RequestLine);
        Assert.StartsWith("GET /api/v1/namespaces/kafka/pods?watch=true&allowWatchBookmarks=true&resourceVersion=100&labelSelector=app%3Dkafka", Server.Requests[1].RequestLine);
        Assert.Equal("b0", Assert.Single(informer.ListByLabel("role", "broker")).Metadata.Name);
        Assert.Equal(2, informer.ListInNamespace("kafka").Count);
    }

    [Fact]
    public async Task Watch_events_reach_the_cache_and_the_handlers_in_order()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        var watch = Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(Recorder());
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));

        watch.Send("ADDED", Json.Pod("b1", "101")).Send("MODIFIED", Json.Pod("b0", "102")).Send("DELETED", Json.Pod("b1", "103"));

        Assert.Equal(["add b0@90", "add b1@101", "update b0@90->102", "delete b1"], await Told(4));
        Assert.Equal("102", informer.Get("b0", "kafka")!.Metadata.ResourceVersion);
        Assert.Null(informer.Get("b1", "kafka"));
    }

    [Fact]
    public async Task After_410_the_relist_tells_handlers_what_was_missed_including_deletions()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90"), Json.Pod("b1", "91")));
        var watch = Server.ThenWatch();
        Server.ThenJson(200, Json.PodList("300", null, Json.Pod("b0", "250"), Json.Pod("b2", "260")));
        var resumed = Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(Recorder());
        informer.Start();
        await Told(2);

        watch.Send("ERROR", Json.Status(410, "Expired", "too old resource version"));
        var changes = await Told(3);
        await resumed.Opened;

        Assert.Equal(["update b0@90->250", "add b2@260", "delete b1"], changes);
        Assert.Equal(["b0", "b2"], informer.List().Select(p => p.Metadata.Name).Order());
        Assert.Contains("resourceVersion=300", Server.Requests[3].RequestLine);
    }

    [Fact]
    public async Task Every_resync_period_handlers_see_each_cached_object_again()
    {
        var clock = new WatchedTimeProvider();
        using var client = _cluster.Client(clock);
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90"), Json.Pod("b1", "91")));
        Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = TimeSpan.FromMinutes(10), Watch = Immediate with { TimeProvider = clock } });
        informer.AddHandler(Recorder());
        informer.Start();
        await Told(2);

        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(["update b0@90->90", "update b1@91->91"], (await Told(2)).Order());
    }

    [Fact]
    public async Task A_handler_added_after_the_sync_is_first_told_of_everything_cached()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));

        informer.AddHandler(Recorder("late "));

        Assert.Equal(["late add b0@90"], await Told(1));
    }

    [Fact]
    public async Task A_failed_first_list_is_retried_and_the_informer_syncs_afterwards()
    {
        using var client = _cluster.Client(change: p => p with { MaxRetryAfterAttempts = 0 });
        Server.ThenStatus(500, "InternalError", "etcd unavailable");
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.Start();

        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, informer.Cache.Count);
        Assert.StartsWith("GET /api/v1/namespaces/kafka/pods?limit=500", Server.Requests[1].RequestLine);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_others()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        var watch = Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(onAdd: _ => throw new InvalidOperationException("handler bug"));
        informer.AddHandler(Recorder());
        informer.Start();

        Assert.Equal(["add b0@90"], await Told(1));
        watch.Send("ADDED", Json.Pod("b1", "101"));
        Assert.Equal(["add b1@101"], await Told(1));
    }

    [Fact]
    public async Task An_unreadable_object_in_the_list_is_skipped_reported_once_and_the_rest_is_cached()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90"), Json.UnreadablePod("poison", "95"), Json.Pod("b1", "96")));
        Server.ThenWatch();
        var unreadable = Channel.CreateUnbounded<UndecodableObject>();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(new UnreadableRecorder(unreadable.Writer));
        informer.Start();

        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var told = await unreadable.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["b0", "b1"], informer.List().Select(p => p.Metadata.Name).Order());
        Assert.Equal(("kafka", "poison", "95"), (told.Namespace, told.Name, told.ResourceVersion));
        Assert.Contains("spec.containers", told.Reason);
        Assert.Equal("kafka/poison", Assert.Single(informer.Undecodable).Key);
    }

    [Fact]
    public async Task An_unreadable_watch_event_is_passed_over_and_later_events_still_arrive()
    {
        using var client = _cluster.Client();
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        var watch = Server.ThenWatch();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.AddHandler(Recorder());
        informer.Start();
        await Told(1);

        watch.Send("ADDED", Json.UnreadablePod("poison", "101")).Send("MODIFIED", Json.Pod("b0", "102"));

        Assert.Equal(["update b0@90->102"], await Told(1));
        Assert.Equal("poison", Assert.Single(informer.Undecodable).Name);
        Assert.Equal(2, Server.Requests.Count); // the stream was not reopened for it

        watch.Send("MODIFIED", Json.Pod("poison", "103"));
        Assert.Equal(["add poison@103"], await Told(1));
        Assert.Empty(informer.Undecodable);
    }

    [Fact]
    public async Task An_informer_that_has_not_heard_from_the_server_for_its_idle_timeout_is_stale()
    {
        var clock = new WatchedTimeProvider();
        using var client = _cluster.Client(clock);
        Server.ThenJson(200, Json.PodList("100", null, Json.Pod("b0", "90")));
        var watch = Server.ThenWatch();
        var options = Immediate with { TimeProvider = clock, IdleTimeout = TimeSpan.FromMinutes(2), Backoff = new WatchBackoff(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)) };
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = options });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await watch.Opened;
        Assert.False(informer.IsStale);

        // The server goes away: the stream drops and every reopen fails, so nothing is heard.
        Server.AcceptedTokens = [];
        watch.Drop();
        await clock.WaitForTimerAsync(d => d >= TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.True(informer.IsStale);
    }

    private sealed class UnreadableRecorder(ChannelWriter<UndecodableObject> told) : IInformerHandler<V1Pod>
    {
        public ValueTask OnAddAsync(V1Pod item, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask OnUpdateAsync(V1Pod old, V1Pod current, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask OnDeleteAsync(V1Pod item, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask OnUndecodableAsync(UndecodableObject item, CancellationToken cancellationToken)
        {
            told.TryWrite(item);
            return ValueTask.CompletedTask;
        }
    }
}
