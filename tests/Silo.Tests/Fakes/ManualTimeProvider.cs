namespace Actors.Silo.Tests.Fakes;

/// <summary>
/// A clock that moves only when a test advances it; timers fire during <see cref="Advance"/>.
/// <see cref="WaitForTimersAsync"/> lets a test wait until the code under test has armed a
/// timer, so advancing never races with the timer's creation.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private TaskCompletionSource armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When each armed timer is due.</summary>
    public IReadOnlyList<DateTimeOffset> DueTimes
    {
        get
        {
            lock (gate)
            {
                return timers.Where(t => t.Due is not null).Select(t => t.Due!.Value).ToList();
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are armed.</summary>
    public async Task WaitForTimersAsync(int count = 1)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (timers.Count(t => t.Due is not null) >= count)
                {
                    return;
                }

                signal = armed.Task;
            }

            await signal.WaitAsync(limit.Token);
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.Due <= now).OrderBy(t => t.Due).ToList();
            foreach (var timer in due)
            {
                timer.Due = timer.Period is { } p && p > TimeSpan.Zero ? now + p : null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            timer.Period = period == Timeout.InfiniteTimeSpan ? null : period;
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            if (!timers.Contains(timer))
            {
                timers.Add(timer);
            }

            signal = armed;
            armed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private void Remove(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
