namespace Actors.Runtime.Tests;

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan due, TimeSpan period, bool keepAlive);

    /// <summary>Ticks hold until gate "tick{n}" opens (n counts from 1) when holdTicks is set.</summary>
    Task StartHeld(TimeSpan due, TimeSpan period);
    Task StopTimer();

    /// <summary>An interleaving one-shot timer that journals "interleaved tick".</summary>
    Task StartInterleaving(TimeSpan due);
    Task Hold(string gate);
    Task<IReadOnlyList<DateTimeOffset>> TickStarts();
    Task<IReadOnlyList<DateTimeOffset>> TickEnds();
}

/// <summary>Journals "tick start n" / "tick end n" and "call start"/"call end" with the clock's time.</summary>
public sealed class TickerGrain(Journal journal, Gates gates, TimeProvider clock) : Grain, ITickerGrain
{
    private readonly List<DateTimeOffset> _starts = [];
    private readonly List<DateTimeOffset> _ends = [];
    private IGrainTimer? _timer;
    private bool _held;
    private int _inside;

    public Task Start(TimeSpan due, TimeSpan period, bool keepAlive)
    {
        _timer = RegisterGrainTimer(Tick, new GrainTimerCreationOptions { DueTime = due, Period = period, KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task StartHeld(TimeSpan due, TimeSpan period)
    {
        _held = true;
        return Start(due, period, keepAlive: false);
    }

    public Task StartInterleaving(TimeSpan due)
    {
        RegisterGrainTimer(_ =>
        {
            journal.Add("interleaved tick");
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Hold(string gate)
    {
        Enter();
        journal.Add("call start");
        await gates.Wait(gate);
        journal.Add("call end");
        Leave();
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        Enter();
        var n = _starts.Count + 1;
        _starts.Add(clock.GetUtcNow());
        journal.Add($"tick start {n}");
        if (_held) await gates.Wait($"tick{n}");
        _ends.Add(clock.GetUtcNow());
        journal.Add($"tick end {n}");
        Leave();
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) > 1) journal.Add("OVERLAP");
    }

    private void Leave() => Interlocked.Decrement(ref _inside);

    public Task<IReadOnlyList<DateTimeOffset>> TickStarts() => Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. _starts]);
    public Task<IReadOnlyList<DateTimeOffset>> TickEnds() => Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. _ends]);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"ticker deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }
}
