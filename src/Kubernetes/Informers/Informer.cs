using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Kubernetes;

/// <summary>
/// Keeps a local, indexed copy of one collection up to date: it lists once (paging), then
/// follows a single watch, resuming and relisting as the watch requires, and tells its handlers
/// of every change in order. Steady state costs one watch per informer and no polling.
/// Over a set of namespaces (<see cref="InformerOptions.Namespaces"/>) each namespace has its own
/// list and watch — its own resourceVersion, relist and backoff, so one failing namespace leaves
/// the others current — feeding the one cache and the one ordered delivery to handlers; readers
/// see one informer, synced once every namespace is.
/// Await <see cref="WaitForSyncAsync"/> before trusting the cache. An object it cannot decode is
/// left out of the cache (an older readable version stays, until the object's deletion, which
/// removes it even when unreadable), logged once, counted, and handed to
/// <see cref="IInformerHandler{T}.OnUndecodableAsync"/> so its owner can report it on the object.
/// </summary>
public sealed class Informer<T> : IAsyncDisposable where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly k8s.Kubernetes _client;
    private readonly ResourceType _type;
    private readonly ConcurrentDictionary<string, UndecodableObject> _undecodable = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<NamespaceWatch> _namespaces;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<IInformerHandler<T>> _handlers = [];
    private readonly SemaphoreSlim _delivery = new(1, 1);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private Task _resync = Task.CompletedTask;
    private bool _started;
    private bool _delivered;

    /// <param name="transform">
    /// Applied to every object before the cache keeps it and handlers see it; it may change and
    /// return its argument, which nothing else holds. Trims what no reader needs (managedFields,
    /// say) so that large caches stay small. Null keeps objects whole.
    /// </param>
    public Informer(k8s.Kubernetes client, InformerOptions? options = null, ILogger? logger = null, ResourceType? type = null, Func<T, T>? transform = null)
    {
        _client = client;
        _type = type ?? ResourceTypes.Of<T>();
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = _options.Watch.TimeProvider;
        _namespaces = [.. _options.Scopes().Select(ns => new NamespaceWatch(ns))];
        Cache = new InformerCache<T>(transform);
    }

    public ResourceType Type => _type;

    public InformerCache<T> Cache { get; }

    /// <summary>True once the first full list of every namespace is in the cache and its handlers were told.</summary>
    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>The last failure of a list/watch loop (each keeps retrying); null while all are healthy.</summary>
    public Exception? LastError => _namespaces.Select(n => n.LastError).FirstOrDefault(e => e is not null);

    /// <summary>Objects of this kind that exist but cannot be read, by "namespace/name".</summary>
    public IReadOnlyCollection<UndecodableObject> Undecodable => [.. _undecodable.Values];

    /// <summary>
    /// When the API server last answered this informer (a list, an event, a bookmark, an opened
    /// watch); over several namespaces, the one heard from longest ago.
    /// </summary>
    public DateTimeOffset? LastContact => _namespaces.Select(n => n.LastContact).Min();

    /// <summary>
    /// True when the informer has not heard from the server for longer than the watch's idle
    /// timeout, in any of its namespaces: its cache may be out of date (the server is unreachable,
    /// or refuses the watch).
    /// </summary>
    public bool IsStale => _namespaces.Any(IsStaleIn);

    /// <summary>Each namespace's list and watch (one entry, null, for all namespaces).</summary>
    public IReadOnlyList<NamespaceWatchState> Namespaces =>
        [.. _namespaces.Select(n => new NamespaceWatchState(n.Namespace, n.HasSynced, IsStaleIn(n), n.LastContact, n.LastError))];

    private bool IsStaleIn(NamespaceWatch watched) =>
        watched.HasSynced && watched.LastContact is { } contact && _time.GetUtcNow() - contact > _options.Watch.IdleTimeout;

    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    public T? Get(string name, string? @namespace = null) => Cache.Get(name, @namespace);

    public IReadOnlyList<T> List() => Cache.List();

    public IReadOnlyList<T> ListInNamespace(string @namespace) => Cache.ListInNamespace(@namespace);

    public IReadOnlyList<T> ListByLabel(string key, string value, string? @namespace = null) => Cache.ListByLabel(key, value, @namespace);

    /// <summary>Adds a handler; one added once changes are being told is first told of every cached object as an add.</summary>
    public void AddHandler(IInformerHandler<T> handler)
    {
        lock (_gate)
        {
            // Until a delivery has taken its list of handlers, every change still reaches this one.
            if (!_delivered)
            {
                _handlers.Add(handler);
                return;
            }
        }
        _ = ReplayAsync(handler, _stop.Token);
    }

    public void AddHandler(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null) =>
        AddHandler(new InformerHandler<T>(onAdd, onUpdate, onDelete));

    /// <summary>Starts listing and watching in the background; returns at once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
        }
        _run = Task.WhenAll(_namespaces.Select(watched => Task.Run(() => RunAsync(watched, _stop.Token))));
        if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
            _resync = Task.Run(() => ResyncAsync(period, _stop.Token));
    }

    /// <summary>One namespace's list and watch (or all namespaces'), forever; it replaces only that namespace's part of the cache.</summary>
    private async Task RunAsync(NamespaceWatch watched, CancellationToken cancellationToken)
    {
        var failures = 0;
        var backoff = _options.Watch.Backoff;
        var ns = watched.Namespace;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await CollectionList.ReadAsync<T>(_client, _type, ns, _options.LabelSelector, _options.FieldSelector,
                    _options.PageSize, cancellationToken, _options.Watch.DropManagedFields).ConfigureAwait(false);
                watched.Listed = _time.GetUtcNow();
                await DeliverAsync(Cache.Replace(list.Items, ns), cancellationToken).ConfigureAwait(false);
                await SkipAsync(list.Skipped, list.Items, cancellationToken).ConfigureAwait(false);
                watched.HasSynced = true;
                if (_namespaces.All(n => n.HasSynced)) _synced.TrySetResult();
                watched.LastError = null;
                failures = 0;

                var watch = _options.Watch with
                {
                    LabelSelector = _options.LabelSelector,
                    FieldSelector = _options.FieldSelector,
                    ResourceVersion = list.ResourceVersion,
                    RelistPageSize = _options.PageSize,
                };
                watched.Watch = new CollectionWatch<T>(_client, _type, ns, watch);
                await foreach (var change in watched.Watch.RunAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type == WatchChangeType.Relisted)
                    {
                        await DeliverAsync(Cache.Replace(change.Items ?? [], ns), cancellationToken).ConfigureAwait(false);
                        await SkipAsync(change.Skipped, change.Items ?? [], cancellationToken).ConfigureAwait(false);
                    }
                    else if (change.Type == WatchChangeType.Undecodable)
                    {
                        // A deletion is a deletion whatever its last version says: the readable
                        // version cached before it must not outlive the object.
                        foreach (var gone in change.Skipped)
                            if (gone is { Deleted: true, Name: { Length: > 0 } name } && Cache.Remove(gone.Namespace, name) is { } removed)
                                await DeliverAsync([removed], cancellationToken).ConfigureAwait(false);
                        await SkipAsync(change.Skipped, [], cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        if (change.Object is { } item) _undecodable.TryRemove(InformerCache<T>.KeyOf(item), out _);
                        if (Cache.Apply(change) is { } applied)
                            await DeliverAsync([applied], cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                watched.LastError = e;
                failures++;
                _logger.LogWarning(e, "Informer for {Resource} in {Namespace} failed ({Failures} in a row); listing again after a backoff",
                    _type, ns ?? "all namespaces", failures);
                try
                {
                    await Task.Delay(backoff.DelayAfter(failures, Random.Shared.NextDouble()), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!HasSynced) continue;
                var all = Cache.List();
                await DeliverAsync([.. all.Select(i => new CacheChange<T>(CacheChangeType.Updated, i, i))], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReplayAsync(IInformerHandler<T> handler, CancellationToken cancellationToken)
    {
        await _delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Joined inside the delivery gate: every later delivery includes it, none is missed.
            lock (_gate) _handlers.Add(handler);
            foreach (var item in Cache.List())
                await NotifyAsync(handler, new CacheChange<T>(CacheChangeType.Added, null, item), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _delivery.Release();
        }
    }

    private async Task DeliverAsync(IReadOnlyList<CacheChange<T>> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        await _delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IInformerHandler<T>[] handlers;
            lock (_gate)
            {
                handlers = [.. _handlers];
                _delivered = true;
            }
            foreach (var change in changes)
                foreach (var handler in handlers)
                    await NotifyAsync(handler, change, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _delivery.Release();
        }
    }

    private async Task NotifyAsync(IInformerHandler<T> handler, CacheChange<T> change, CancellationToken cancellationToken)
    {
        try
        {
            switch (change.Type)
            {
                case CacheChangeType.Added: await handler.OnAddAsync(change.New!, cancellationToken).ConfigureAwait(false); break;
                case CacheChangeType.Updated: await handler.OnUpdateAsync(change.Old!, change.New!, cancellationToken).ConfigureAwait(false); break;
                case CacheChangeType.Deleted: await handler.OnDeleteAsync(change.Old!, cancellationToken).ConfigureAwait(false); break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One failing handler must not stop the cache or the other handlers.
            _logger.LogError(e, "Informer handler {Handler} failed on {Change} of {Resource}", handler.GetType().Name, change.Type, _type);
        }
    }

    /// <summary>
    /// Records objects that could not be decoded: one log line and one count per version, and
    /// the handlers are told. A relist also forgets skipped objects that are readable again.
    /// </summary>
    private async Task SkipAsync(IReadOnlyList<UndecodableObject> skipped, IReadOnlyList<T> readable, CancellationToken cancellationToken)
    {
        foreach (var item in readable) _undecodable.TryRemove(InformerCache<T>.KeyOf(item), out _);
        if (skipped.Count == 0) return;
        await _delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IInformerHandler<T>[] handlers;
            lock (_gate) handlers = [.. _handlers];
            foreach (var bad in skipped)
            {
                if (bad.Deleted) _undecodable.TryRemove(bad.Key, out _);
                else if (_undecodable.TryGetValue(bad.Key, out var known) && known.ResourceVersion == bad.ResourceVersion) continue;
                else _undecodable[bad.Key] = bad;
                KubernetesTelemetry.UndecodableObjects.Add(1, new KeyValuePair<string, object?>(KubernetesMetricNames.KindTag, bad.Type.Kind));
                _logger.LogError("Cannot read {Kind} {Key} (resourceVersion {ResourceVersion}): {Reason}; skipping it, every other object is still watched",
                    bad.Type.Kind, bad.Key, bad.ResourceVersion, bad.Reason);
                foreach (var handler in handlers)
                {
                    try
                    {
                        await handler.OnUndecodableAsync(bad, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        _logger.LogError(e, "Informer handler {Handler} failed on an undecodable {Kind} {Key}", handler.GetType().Name, bad.Type.Kind, bad.Key);
                    }
                }
            }
        }
        finally
        {
            _delivery.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_run, _resync).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _delivery.Dispose();
    }

    /// <summary>The list and watch of one namespace: written by its own loop only.</summary>
    private sealed class NamespaceWatch(string? @namespace)
    {
        public string? Namespace { get; } = @namespace;
        public volatile bool HasSynced;
        public volatile Exception? LastError;
        public CollectionWatch<T>? Watch;
        public DateTimeOffset? Listed;

        public DateTimeOffset? LastContact => Watch?.LastContact is { } watched && watched > (Listed ?? DateTimeOffset.MinValue) ? watched : Listed;
    }
}
