using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime;

/// <summary>
/// The in-process silo: hands out grain references, routes calls to activations (creating them on
/// first call), collects idle activations, fails calls past the response timeout, and on stop
/// deactivates every activation after its queued turns. It can be started again after a stop;
/// references taken earlier keep working.
/// </summary>
public sealed partial class ActorRuntime : IGrainFactory, IAsyncDisposable, IDisposable
{
    private readonly GrainClassRegistry _classes;
    private readonly object _lifecycle = new();
    private volatile ActorRuntimeState _state = ActorRuntimeState.Created;
    private ITimer? _collector;
    private ITimer? _timeouts;

    internal ActorRuntime(IServiceProvider services, GrainClassRegistry classes, IOptions<ActorRuntimeOptions> options)
    {
        Services = services;
        _classes = classes;
        Options = options.Value;
        Clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        Logger = services.GetService<ILogger<ActorRuntime>>() ?? (ILogger)NullLogger.Instance;
        Directory = new ActivationDirectory(this, classes);
        Telemetry = new GrainTelemetry(services.GetService<IMeterFactory>(), Clock, MailboxDepths);
    }

    public ActorRuntimeState State => _state;

    /// <summary>Live activations right now.</summary>
    public int ActivationCount => Directory.Count;

    internal IServiceProvider Services { get; }
    internal ActorRuntimeOptions Options { get; }
    internal TimeProvider Clock { get; }
    internal ILogger Logger { get; }
    internal ActivationDirectory Directory { get; }
    internal GrainTelemetry Telemetry { get; }
    internal bool IsAcceptingActivations => _state == ActorRuntimeState.Running;

    /// <summary>
    /// How often call deadlines are checked and <see cref="CoarseTimestamp"/> moves: a tenth of the
    /// response timeout, at most a second.
    /// </summary>
    internal TimeSpan HeartbeatPeriod =>
        TimeSpan.FromTicks(Math.Clamp(Options.ResponseTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));

    /// <summary>
    /// The clock's timestamp as of the last heartbeat. Calls stamp themselves with it instead of
    /// reading the clock, which costs more than the rest of a call on some virtual machines.
    /// </summary>
    internal long CoarseTimestamp
    {
        get => Volatile.Read(ref _coarseTimestamp);
        private set => Volatile.Write(ref _coarseTimestamp, value);
    }

    private long _coarseTimestamp;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_state is ActorRuntimeState.Running) return Task.CompletedTask;
            if (_state is ActorRuntimeState.Stopping) throw new InvalidOperationException("The actor runtime is still stopping; await StopAsync before starting it again.");
            var quantum = Options.CollectionQuantum;
            CoarseTimestamp = Clock.GetTimestamp();
            using (ExecutionContext.SuppressFlow())
            {
                _collector = Clock.CreateTimer(static s => ((ActorRuntime)s!).CollectIdleActivations(), this, quantum, quantum);
                _timeouts = Clock.CreateTimer(static s => ((ActorRuntime)s!).Heartbeat(), this, HeartbeatPeriod, HeartbeatPeriod);
            }
            _state = ActorRuntimeState.Running;
        }
        Logger.LogInformation("Actor runtime started (collection age {CollectionAge}, response timeout {ResponseTimeout})", Options.CollectionAge, Options.ResponseTimeout);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses new activations, lets every activation finish the turns already queued, then
    /// deactivates it (OnDeactivateAsync with <see cref="DeactivationReasonCode.ShuttingDown"/>).
    /// Completes when all are gone; calls afterwards fail with InvalidOperationException.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_state is not ActorRuntimeState.Running) return;
            _state = ActorRuntimeState.Stopping;
            _collector?.Dispose();
            _timeouts?.Dispose();
        }
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The actor runtime is stopping.");
        try
        {
            // Again until none is left: a call racing with the stop may have added one after the snapshot.
            for (var activations = Directory.Snapshot(); activations.Length > 0; activations = Directory.Snapshot())
            {
                Logger.LogInformation("Actor runtime stopping: deactivating {Count} activations after their queued turns", activations.Length);
                foreach (var activation in activations) activation.TryEnqueue(new DeactivateTurn(reason, onlyIfIdle: false));
                await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken);
            }
        }
        finally
        {
            _state = ActorRuntimeState.Stopped;
        }
        Logger.LogInformation("Actor runtime stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Telemetry.Dispose();
    }

    /// <summary>For containers disposed synchronously: stops (blocking) if still running. Prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (_state is ActorRuntimeState.Running) StopAsync().GetAwaiter().GetResult();
        Telemetry.Dispose();
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainClass = _classes.ForInterface(typeof(TGrainInterface));
        return GrainReference.Create<TGrainInterface>(this, new GrainId(grainClass.GrainType, key));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        var grainClass = _classes.ForGrainType(grainId.Type);
        if (!typeof(TGrainInterface).IsAssignableFrom(grainClass.Type))
            throw new InvalidOperationException($"{grainId}: grain class {grainClass.Type.Name} does not implement {typeof(TGrainInterface).Name}.");
        return GrainReference.Create<TGrainInterface>(this, grainId);
    }

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> MailboxDepths()
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var activation in Directory.Snapshot())
            depths[activation.GrainType] = depths.GetValueOrDefault(activation.GrainType) + activation.MailboxDepth;
        foreach (var (grainType, depth) in depths)
            yield return new(depth, new KeyValuePair<string, object?>(ActorTelemetry.GrainTypeTag, grainType));
    }
}
