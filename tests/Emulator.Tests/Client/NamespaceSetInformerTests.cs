using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading.Channels;
using Actors.Emulator.Faults;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Client;

/// <summary>
/// An informer over a set of namespaces, as the operator runs one over --watch-namespaces a,b:
/// one list and watch per namespace into one cache, read as one informer. What is in a namespace
/// outside the set is never asked for; a watch that breaks in one namespace is that namespace's
/// trouble alone.
/// </summary>
public sealed class NamespaceSetInformerTests : IAsyncLifetime
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    static readonly InformerOptions Options = new()
    {
        Namespaces = ["a", "b"],
        ResyncPeriod = null,
        Watch = new WatchOptions { Backoff = new WatchBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)) },
    };

    EmulatorFixture fixture = null!;
    readonly RequestLog requests = new();
    readonly Channel<string> told = Channel.CreateUnbounded<string>();
    /// <summary>The informer's client, whose requests are logged; the test writes through another.</summary>
    k8s.Kubernetes client = null!;
    k8s.Kubernetes writer = null!;

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = ["a", "b", "c"] });
        client = fixture.Client(handler: requests);
        writer = fixture.Client();
        foreach (var ns in new[] { "a", "b", "c" }) await CreateAsync(ns, "before");
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Objects_of_both_namespaces_are_cached_and_told_and_a_third_namespace_is_never_asked()
    {
        await using var informer = Started();
        await informer.WaitForSyncAsync().WaitAsync(Patience);
        Assert.Equal(["added a/before", "added b/before"], (await Told(2)).Order());

        await CreateAsync("c", "later");
        await CreateAsync("a", "later");
        await CreateAsync("b", "later");

        Assert.Equal(["added a/later", "added b/later"], (await Told(2)).Order());
        Assert.Equal(["a/before", "a/later", "b/before", "b/later"], informer.List().Select(Key).Order());
        Assert.Equal(["before", "later"], informer.ListInNamespace("b").Select(m => m.Name()).Order());
        Assert.Null(informer.Get("later", "c"));
        Assert.DoesNotContain(requests.Paths, path => path.Contains("/namespaces/c/", StringComparison.Ordinal));
        Assert.Equal([null, null], informer.Namespaces.Select(n => n.LastError));
    }

    [Fact]
    public async Task The_informer_has_synced_only_once_every_namespace_has_been_listed()
    {
        var refusals = fixture.Emulator.Faults.FailNext(int.MaxValue, 500, new RequestMatch("list", "configmaps", "b"));
        await using var informer = Started();
        await Eventually(() => informer.Namespaces.Single(n => n.Namespace == "a").HasSynced, "namespace a has been listed");
        await Eventually(() => refusals.Remaining < int.MaxValue - 1, "namespace b's list has been refused twice");

        Assert.False(informer.HasSynced);
        Assert.Equal(["a/before"], informer.List().Select(Key));
        Assert.NotNull(informer.Namespaces.Single(n => n.Namespace == "b").LastError);

        fixture.Emulator.Faults.Clear();
        await informer.WaitForSyncAsync().WaitAsync(Patience);
        Assert.Equal(["a/before", "b/before"], informer.List().Select(Key).Order());
    }

    [Fact]
    public async Task A_watch_broken_in_one_namespace_does_not_disturb_the_other()
    {
        await using var informer = Started();
        await informer.WaitForSyncAsync().WaitAsync(Patience);
        await Told(2);
        // The informer has opened both watches once it has been told of an object created after its lists.
        await CreateAsync("a", "opened");
        await CreateAsync("b", "opened");
        await Told(2);

        // Namespace a's watch is cut and every reopening refused; b's stream is not touched.
        var refusals = fixture.Emulator.Faults.FailNext(int.MaxValue, 500, new RequestMatch("watch", "configmaps", "a"));
        fixture.Emulator.Faults.CloseWatches("a");
        await Eventually(() => refusals.Remaining < int.MaxValue - 1, "namespace a's watch has been refused twice");
        await CreateAsync("a", "during");
        await CreateAsync("b", "during");

        Assert.Equal("added b/during", await Next());
        Assert.Null(informer.Get("during", "a"));
        Assert.Equal(1, requests.Watches("b"));

        // Once a's watch is accepted again it resumes where it stopped and catches up.
        fixture.Emulator.Faults.Clear();
        Assert.Equal("added a/during", await Next());
        Assert.Equal(1, requests.Watches("b"));
        Assert.True(requests.Watches("a") >= 3);
        Assert.Equal(2, requests.Lists("a") + requests.Lists("b")); // resumed from its resourceVersion, no relist
    }

    Informer<V1ConfigMap> Started()
    {
        var informer = new Informer<V1ConfigMap>(client, Options);
        informer.AddHandler(
            onAdd: m => told.Writer.TryWrite($"added {Key(m)}"),
            onUpdate: (_, m) => told.Writer.TryWrite($"updated {Key(m)}"),
            onDelete: m => told.Writer.TryWrite($"deleted {Key(m)}"));
        informer.Start();
        return informer;
    }

    static string Key(V1ConfigMap map) => $"{map.Namespace()}/{map.Name()}";

    Task CreateAsync(string ns, string name) => writer.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    }, ns);

    async Task<string> Next()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await told.Reader.ReadAsync(patience.Token);
    }

    async Task<List<string>> Told(int count)
    {
        var seen = new List<string>();
        for (var i = 0; i < count; i++) seen.Add(await Next());
        return seen;
    }

    static async Task Eventually(Func<bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (patience.IsCancellationRequested) throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Every request the informer's client sent, by path and query.</summary>
    sealed class RequestLog : DelegatingHandler
    {
        readonly ConcurrentQueue<string> paths = new();

        public IReadOnlyList<string> Paths => [.. paths];

        public int Watches(string ns) => Paths.Count(p => p.StartsWith($"/api/v1/namespaces/{ns}/configmaps?", StringComparison.Ordinal) && p.Contains("watch=true", StringComparison.Ordinal));

        public int Lists(string ns) => Paths.Count(p => p.StartsWith($"/api/v1/namespaces/{ns}/configmaps?", StringComparison.Ordinal) && !p.Contains("watch=true", StringComparison.Ordinal));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            paths.Enqueue(request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
