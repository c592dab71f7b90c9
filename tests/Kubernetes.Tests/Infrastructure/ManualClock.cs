namespace Actors.Kubernetes.Tests;

/// <summary>
/// A clock that moves only when the test says so. Timers (Task.Delay, CancellationTokenSource
/// deadlines, PeriodicTimer) fire during <see cref="Advance"/>, so tests never sleep.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<ManualClock, bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public override long GetTimestamp() { lock (_gate) return _now.UtcTicks; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers armed to fire at or before now + <paramref name="within"/>.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays()
    {
        lock (_gate) return [.. _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - _now).Order()];
    }

    /// <summary>Completes once a timer is armed to fire exactly <paramref name="delay"/> from now.</summary>
    public Task WaitForTimerAsync(TimeSpan delay) => WaitUntil(c => c.PendingDelays().Contains(delay));

    /// <summary>Completes once some timer is armed whose delay satisfies the predicate.</summary>
    public Task WaitForTimerAsync(Func<TimeSpan, bool> match) => WaitUntil(c => c.PendingDelays().Any(match));

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null) { _now = target; break; }
                _now = next.DueAt!.Value;
                next.Fired();
            }
            next.Invoke();
        }
        Signal();
    }

    private Task WaitUntil(Func<ManualClock, bool> condition)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _waiters.Add((condition, signal));
        Signal();
        return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private void Signal()
    {
        List<(Func<ManualClock, bool>, TaskCompletionSource)> ready;
        lock (_gate)
        {
            ready = [.. _waiters.Where(w => w.Condition(this))];
            foreach (var w in ready) _waiters.Remove(w);
        }
        foreach (var (_, signal) in ready) signal.TrySetResult();
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) DueAt = null;
                else
                {
                    DueAt = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }
            clock.Signal();
            return true;
        }

        /// <summary>Called under the clock's lock: re-arm a periodic timer or disarm a one-shot.</summary>
        public void Fired()
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) DueAt = DueAt + _period;
            else
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
