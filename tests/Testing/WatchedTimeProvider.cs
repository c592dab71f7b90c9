using Microsoft.Extensions.Time.Testing;

namespace Actors.Testing;

/// <summary>
/// <see cref="FakeTimeProvider"/> that also keeps when each timer armed on it is due. Code under
/// test often arms its timer asynchronously; a test that advances before the timer exists moves
/// time past it, so it waits for the timer first (see <see cref="TimerWaits"/>). Time and timers
/// behave exactly as in FakeTimeProvider: this class only watches.
/// </summary>
public sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly Dictionary<WatchedTimer, DateTimeOffset> armed = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WatchedTimeProvider() : this(TestTime.Start) { }

    /// <summary>When each armed timer is next due, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> DueTimes
    {
        get { lock (gate) return [.. armed.Values.Order()]; }
    }

    /// <summary>How far from now each armed timer is due, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            var now = GetUtcNow();
            return [.. DueTimes.Select(due => due - now)];
        }
    }

    /// <summary>How many timers are armed (created or changed with a finite due time, not yet fired or disposed).</summary>
    public int ActiveTimers
    {
        get { lock (gate) return armed.Count; }
    }

    /// <summary>Completes at the next change to the armed timers.</summary>
    internal Task NextChange
    {
        get { lock (gate) return changed.Task; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WatchedTimer(this);
        // Created disarmed so that a timer due at once cannot fire before it is watched.
        timer.Inner = base.CreateTimer(s => { timer.Fired(); callback(s); }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Update(Action<Dictionary<WatchedTimer, DateTimeOffset>> change)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            change(armed);
            signal = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    private sealed class WatchedTimer(WatchedTimeProvider clock) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            var now = clock.GetUtcNow();
            clock.Update(armed =>
            {
                if (dueTime == Timeout.InfiniteTimeSpan) armed.Remove(this);
                else armed[this] = now + dueTime;
            });
            return Inner.Change(dueTime, period);
        }

        /// <summary>FakeTimeProvider re-arms a periodic timer one period after it was due.</summary>
        public void Fired() => clock.Update(armed =>
        {
            if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan && armed.TryGetValue(this, out var due)) armed[this] = due + period;
            else armed.Remove(this);
        });

        public void Dispose()
        {
            clock.Update(armed => armed.Remove(this));
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
