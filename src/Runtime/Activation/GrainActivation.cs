using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// The single live instance of one grain identity: creates the grain, reads its state, runs
/// OnActivateAsync, serves its mailbox one turn at a time (see GrainActivation.Mailbox.cs) and
/// deactivates it. A failed activation leaves nothing behind, so the next call tries afresh.
/// </summary>
internal sealed partial class GrainActivation
{
    /// <summary>The activation whose grain is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    [ThreadStatic] internal static GrainActivation? Constructing;

    private readonly GrainClass _class;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private object? _grain;
    private IStateLoader[] _states = [];

    public GrainActivation(ActorRuntime runtime, GrainClass grainClass, GrainId grainId)
    {
        Runtime = runtime;
        _class = grainClass;
        GrainId = grainId;
        _lastActivity = runtime.Clock.GetTimestamp();
        RootChain = new CallChain(grainId, null);
    }

    /// <summary>The chain of a turn no grain asked for (an outside call, a timer tick).</summary>
    public CallChain RootChain { get; }

    public ActorRuntime Runtime { get; }
    public GrainId GrainId { get; }
    public string GrainType => GrainId.Type;
    public object GrainInstance => _grain!;

    /// <summary>Completes when the activation is gone (deactivated or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    private async Task ActivateAsync()
    {
        _status = ActivationStatus.Activating;
        // Calls made by OnActivateAsync belong to the chain of the call that caused the activation.
        CallChain.Current = new CallChain(GrainId, _mailbox.TryPeek(out var first) ? first.Caller : null);
        try
        {
            Constructing = this;
            try { (_grain, _states) = _class.Create(Runtime.Services, GrainId); }
            finally { Constructing = null; }

            foreach (var state in _states) await state.ReadStateAsync();
            if (_grain is Grain grain) await grain.OnActivateAsync(_lifetime.Token);
            _lastActivity = Runtime.Clock.GetTimestamp();
            _status = ActivationStatus.Active;
            Runtime.Telemetry.Activated(this);
            Runtime.Logger.LogDebug("Activated {GrainId}", GrainId);
        }
        catch (Exception exception)
        {
            Runtime.Logger.LogWarning(exception, "Activation of {GrainId} failed; the calls waiting for it fail and the next call activates it afresh", GrainId);
            Runtime.Directory.Remove(this);
            _status = ActivationStatus.Dead;
            DisposeTimers();
            _lifetime.Cancel();
            // Calls queued so far were waiting for this activation: they fail with its error.
            // Anything enqueued later is forwarded by the pump to a fresh activation.
            while (_mailbox.TryDequeue(out var turn)) turn.Fail(exception);
            _deactivated.TrySetResult();
        }
    }

    /// <summary>Runs as a turn: stops timers, waits for interleaved turns, calls OnDeactivateAsync, leaves the directory.</summary>
    public async Task DeactivateAsync(DeactivationReason reason)
    {
        if (_status != ActivationStatus.Active) return;
        _status = ActivationStatus.Deactivating;
        CallChain.Current = RootChain;
        DisposeTimers();
        _lifetime.Cancel();
        await InterleavedTurnsDrained();
        try
        {
            if (_grain is Grain grain) await grain.OnDeactivateAsync(reason, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Runtime.Logger.LogWarning(exception, "OnDeactivateAsync of {GrainId} failed ({Reason}); deactivating anyway", GrainId, reason);
        }
        Runtime.Directory.Remove(this);
        _status = ActivationStatus.Dead;
        Runtime.Telemetry.Deactivated(this);
        Runtime.Logger.LogDebug("Deactivated {GrainId}: {Reason}", GrainId, reason);
        _deactivated.TrySetResult();
    }
}
