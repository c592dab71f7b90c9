using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Kubernetes;

/// <summary>
/// Keeps a local, indexed copy of one collection up to date: it lists once (paging), then
/// follows a single watch, resuming and relisting as the watch requires, and tells its handlers
/// of every change in order. Steady state costs one watch per informer and no polling.
/// Await <see cref="WaitForSyncAsync"/> before trusting the cache.
/// </summary>
public sealed class Informer<T> : IAsyncDisposable where T : class, IKubernetesObject
{
    private readonly ResourceClient<T> _resource;
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

    public Informer(ResourceClient<T> resource, InformerOptions? options = null, ILogger? logger = null)
    {
        _resource = resource;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = resource.Client.Configuration.TimeProvider;
    }

    public InformerCache<T> Cache { get; } = new();

    /// <summary>True once the first full list is in the cache and its handlers were told.</summary>
    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>The last failure of the list/watch loop (it keeps retrying); null while healthy.</summary>
    public Exception? LastError { get; private set; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    public T? Get(string name, string? @namespace = null) => Cache.Get(name, @namespace);

    public IReadOnlyList<T> List() => Cache.List();

    public IReadOnlyList<T> ListInNamespace(string @namespace) => Cache.ListInNamespace(@namespace);

    public IReadOnlyList<T> ListByLabel(string key, string value, string? @namespace = null) => Cache.ListByLabel(key, value, @namespace);

    /// <summary>Adds a handler; one added after the sync is first told of every cached object as an add.</summary>
    public void AddHandler(IInformerHandler<T> handler)
    {
        lock (_gate)
        {
            if (!_started || !HasSynced)
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
        _run = Task.Run(() => RunAsync(_stop.Token));
        if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
            _resync = Task.Run(() => ResyncAsync(period, _stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var backoff = _options.Watch.Backoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await _resource.ListAllAsync(_options.Namespace, new ListOptions
                {
                    LabelSelector = _options.LabelSelector,
                    FieldSelector = _options.FieldSelector,
                    Limit = _options.PageSize,
                }, cancellationToken).ConfigureAwait(false);
                await DeliverAsync(Cache.Replace(list.Items), cancellationToken).ConfigureAwait(false);
                _synced.TrySetResult();
                LastError = null;
                failures = 0;

                var watch = _options.Watch with
                {
                    LabelSelector = _options.LabelSelector,
                    FieldSelector = _options.FieldSelector,
                    ResourceVersion = list.Metadata.ResourceVersion,
                    RelistPageSize = _options.PageSize,
                };
                await foreach (var change in _resource.WatchAsync(_options.Namespace, watch, cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type == WatchEventType.Relisted)
                        await DeliverAsync(Cache.Replace(change.Items ?? []), cancellationToken).ConfigureAwait(false);
                    else if (Cache.Apply(change) is { } applied)
                        await DeliverAsync([applied], cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LastError = e;
                failures++;
                _logger.LogWarning(e, "Informer for {Resource} failed ({Failures} in a row); listing again after a backoff", _resource.Type, failures);
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
            lock (_gate) handlers = [.. _handlers];
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
            _logger.LogError(e, "Informer handler {Handler} failed on {Change} of {Resource}", handler.GetType().Name, change.Type, _resource.Type);
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
}
