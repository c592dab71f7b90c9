using Actors.GrainRuntime.Tests.Support;

namespace Actors.GrainRuntime.Tests.Grains;

/// <summary>A grain with a periodic timer, the shape of a grain that looks again after a delay.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer that first ticks after <paramref name="period"/>, then every period.</summary>
    Task Start(TimeSpan period);

    /// <summary>A turn that stays open until the test opens <paramref name="gate"/>.</summary>
    Task Hold(string gate);

    Task<int> Ticks();
}

public sealed class TickerGrain(Journal journal, Gates gates) : Grain, ITickerGrain
{
    private IGrainTimer? timer;
    private int ticks;
    private bool holding;

    public Task Start(TimeSpan period)
    {
        timer?.Dispose();
        timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = period, Period = period });
        return Task.CompletedTask;
    }

    public async Task Hold(string gate)
    {
        holding = true;
        journal.Add($"{Key} hold start");
        await gates.Wait(gate);
        journal.Add($"{Key} hold end");
        holding = false;
    }

    public Task<int> Ticks() => Task.FromResult(ticks);

    private Task TickAsync(CancellationToken cancellationToken)
    {
        ticks++;
        // A tick that ran inside an open call would be a second turn at once: the test reads this.
        if (holding) journal.Add($"{Key} tick {ticks} inside a call");
        journal.Add($"{Key} tick {ticks}");
        return Task.CompletedTask;
    }

    private string Key => this.GetPrimaryKeyString();
}
