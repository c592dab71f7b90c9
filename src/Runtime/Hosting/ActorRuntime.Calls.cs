namespace Actors.Runtime;

/// <summary>The call path: from a reference's method to a turn in the target activation's mailbox.</summary>
public sealed partial class ActorRuntime
{
    internal Task<T> Call<T>(GrainReference reference, GrainMethod<T> method, object?[]? args)
    {
        if (_state is ActorRuntimeState.Stopped or ActorRuntimeState.Created)
            return Task.FromException<T>(new InvalidOperationException(
                $"The actor runtime is {_state.ToString().ToLowerInvariant()}; the call to {reference.GrainId} {method.DisplayName} was not delivered."));

        var caller = CallChain.Current;
        if (caller is not null && !method.AlwaysInterleave && caller.Contains(reference.GrainId))
            return Task.FromException<T>(new DeadlockException(caller.Then(reference.GrainId), method.DisplayName));

        var turn = new CallTurn<T>(reference.GrainId, method, args, caller, CoarseTimestamp, GrainTelemetry.CaptureParent(), Options.ResumeOutsideCallersInline);
        var activation = reference.CachedActivation;
        if (activation is null || !activation.TryEnqueue(turn))
            reference.CachedActivation = Dispatch(turn, reference.GrainId);
        return turn.Task;
    }

    /// <summary>Delivers a turn to the live activation of <paramref name="grainId"/>, creating it if needed.</summary>
    internal GrainActivation? Dispatch(ITurn turn, GrainId grainId)
    {
        while (true)
        {
            GrainActivation activation;
            try
            {
                activation = Directory.GetOrCreate(grainId);
            }
            catch (Exception exception)
            {
                turn.Fail(exception);
                return null;
            }
            // A dead activation has already left the directory, so the next lookup finds its successor.
            if (activation.TryEnqueue(turn)) return activation;
        }
    }

    private void CollectIdleActivations()
    {
        var now = Clock.GetTimestamp();
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for at least {Options.CollectionAge}.");
        foreach (var activation in Directory.Snapshot())
            if (activation.IsCollectible(now))
                activation.TryEnqueue(new DeactivateTurn(reason, onlyIfIdle: true));
    }

    /// <summary>
    /// Moves the coarse clock and fails calls past their deadline. A call's stamp may be one
    /// heartbeat old, so a call fails after ResponseTimeout and within two heartbeats more, never early.
    /// </summary>
    private void Heartbeat()
    {
        var now = Clock.GetTimestamp();
        CoarseTimestamp = now;
        var overdue = new List<ITurn>();
        var threshold = Options.ResponseTimeout + HeartbeatPeriod;
        foreach (var activation in Directory.Snapshot()) activation.CollectOverdueCalls(now, threshold, overdue);
        if (overdue.Count == 0) return;
        // Callers resume on the thread pool, not on the clock's thread.
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            foreach (var turn in s.overdue) turn.TimeOut(s.timeout);
        }, (overdue, timeout: Options.ResponseTimeout), preferLocal: false);
    }
}
