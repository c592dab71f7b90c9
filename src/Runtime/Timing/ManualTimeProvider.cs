namespace Actors.Runtime.Timing;

/// <summary>
/// A clock that moves only when told. <see cref="Advance"/> and <see cref="SetUtcNow"/> fire every
/// timer that falls due, synchronously on the calling thread, in due order (ties in creation
/// order), with the clock set to each timer's due time while it fires. Timestamps tick at
/// <see cref="TimeSpan.TicksPerSecond"/> per second. Timer callbacks may create, change and
/// dispose timers.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly object _advancing = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _origin;
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public ManualTimeProvider(DateTimeOffset start)
    {
        _origin = _now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp()
    {
        lock (_gate) return (_now - _origin).Ticks;
    }

    /// <summary>Timers currently armed (due at a finite time).</summary>
    public int ActiveTimers
    {
        get { lock (_gate) return _timers.Count(t => t.Due is not null); }
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_advancing) SetUtcNow(GetUtcNow() + delta);
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_advancing)
        {
            while (true)
            {
                ManualTimer? next = null;
                lock (_gate)
                {
                    if (value < _now) throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock cannot go back from {_now:O}.");
                    foreach (var timer in _timers)
                        if (timer.Due is { } due && due <= value && (next is null || due < next.Due || (due == next.Due && timer.Sequence < next.Sequence)))
                            next = timer;
                    if (next is null)
                    {
                        _now = value;
                        return;
                    }
                    _now = next.Due!.Value;
                    next.Due = next.Period is { } period ? _now + period : null;
                }
                next.Fire();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            timer.Sequence = _sequence++;
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public long Sequence { get; set; }
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(period));
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this)) return false;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                Sequence = clock._sequence++;
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
