namespace Actors.Runtime;

/// <summary>What keeps an activation alive: recent calls, DelayDeactivation and keep-alive timers.</summary>
internal sealed partial class GrainActivation
{
    private readonly List<GrainTimer> _timers = [];
    private long _lastActivity;
    private long _keepAliveUntil;

    /// <summary>Called at the end of each call: the idle age counts from here.</summary>
    public void MarkActive() => Volatile.Write(ref _lastActivity, Runtime.CoarseTimestamp);

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var clock = Runtime.Clock;
        var until = clock.GetTimestamp() + (long)(timeSpan.TotalSeconds * clock.TimestampFrequency);
        Volatile.Write(ref _keepAliveUntil, Math.Max(Volatile.Read(ref _keepAliveUntil), until));
    }

    /// <summary>
    /// Idle for the collection age, nothing queued or running (except <paramref name="self"/>, the
    /// deactivation turn asking), no keep-alive timer, no DelayDeactivation in force.
    /// </summary>
    public bool IsCollectible(long now, ITurn? self = null)
    {
        if (_status != ActivationStatus.Active || !_mailbox.IsEmpty) return false;
        if (_running is { } running && running != self && !running.IsFinished) return false;
        if (_runningBatch is { } batch && batch.Any(t => !t.IsFinished)) return false;
        if (now < Volatile.Read(ref _keepAliveUntil)) return false;
        lock (_gate)
        {
            if (_interleaved.Count > 0) return false;
            foreach (var timer in _timers) if (timer.KeepAlive) return false;
        }
        return Runtime.Clock.GetElapsedTime(Volatile.Read(ref _lastActivity), now) >= Runtime.Options.CollectionAge;
    }

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        if (_status is ActivationStatus.Deactivating or ActivationStatus.Dead)
            throw new InvalidOperationException($"{GrainId} is deactivating; it cannot register a timer.");
        var timer = new GrainTimer(this, callback, state, options);
        lock (_gate) _timers.Add(timer);
        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_gate) timers = [.. _timers];
        foreach (var timer in timers) timer.Dispose();
    }
}
