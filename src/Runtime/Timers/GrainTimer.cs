namespace Actors.Runtime;

/// <summary>
/// A grain timer: a one-shot <see cref="ITimer"/> from the runtime's TimeProvider that, when due,
/// queues a tick turn on the activation; when the tick ends it is re-armed for one period, so
/// the period counts from the end of the previous tick and ticks never pile up.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TimerTurn _tick;
    private readonly ITimer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _changes;
    private volatile bool _disposed;

    public GrainTimer(GrainActivation activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _tick = new TimerTurn(this);
        using (ExecutionContext.SuppressFlow())
            _timer = activation.Runtime.Clock.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }
    public bool KeepAlive { get; }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _period = period;
        Interlocked.Increment(ref _changes); // a tick running now must not re-arm over this
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private void OnDue()
    {
        if (_disposed) return;
        if (!_activation.TryEnqueue(_tick)) Dispose();
    }

    public async Task TickAsync()
    {
        if (_disposed) return;
        var changes = Volatile.Read(ref _changes);
        CallChain.Current = _activation.RootChain;
        try
        {
            await _callback(_state, _cancellation.Token);
        }
        catch (Exception exception)
        {
            TickFailed(exception);
        }
        var period = _period;
        if (!_disposed && changes == Volatile.Read(ref _changes) && period != Timeout.InfiniteTimeSpan)
            _timer.Change(period, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cancellation.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A grain timer's due time must be zero or more, or Timeout.InfiniteTimeSpan.");
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(period), period, "A grain timer's period must be positive, or Timeout.InfiniteTimeSpan for a single tick.");
    }
}
