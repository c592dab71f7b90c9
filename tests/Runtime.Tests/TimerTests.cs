namespace Actors.Runtime.Tests;

public sealed class TimerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_tick_that_falls_due_during_a_call_waits_for_the_call_to_end()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        await ticker.Start(due: 5 * Second, period: Timeout.InfiniteTimeSpan, keepAlive: false).Within();
        var call = ticker.Hold("call");
        await silo.Journal.WaitFor("call start");

        silo.Clock.Advance(5 * Second); // the tick is queued now, synchronously
        silo.Gates.Open("call");
        await call.Within();
        await silo.Journal.WaitFor("tick end 1");

        var entries = silo.Journal.Entries.ToList();
        Assert.DoesNotContain("OVERLAP", entries);
        Assert.True(entries.IndexOf("call end") < entries.IndexOf("tick start 1"), string.Join(", ", entries));
    }

    [Fact]
    public async Task A_call_made_during_a_tick_waits_for_the_tick_to_end()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        await ticker.StartHeld(due: Second, period: Timeout.InfiniteTimeSpan).Within();
        silo.Clock.Advance(Second);
        await silo.Journal.WaitFor("tick start 1");

        var call = ticker.Hold("call");
        silo.Gates.Open("call");
        silo.Gates.Open("tick1");
        await call.Within();

        var entries = silo.Journal.Entries.ToList();
        Assert.DoesNotContain("OVERLAP", entries);
        Assert.True(entries.IndexOf("tick end 1") < entries.IndexOf("call start"), string.Join(", ", entries));
    }

    [Fact]
    public async Task An_interleaving_timer_ticks_while_a_call_is_held()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        await ticker.StartInterleaving(due: Second).Within();
        var call = ticker.Hold("call");
        await silo.Journal.WaitFor("call start");

        silo.Clock.Advance(Second);

        await silo.Journal.WaitFor("interleaved tick");
        Assert.False(call.IsCompleted);
        silo.Gates.Open("call");
        await call.Within();
    }

    [Fact]
    public async Task The_period_counts_from_the_end_of_the_previous_tick()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        await ticker.StartHeld(due: 10 * Second, period: 10 * Second).Within();

        silo.Clock.Advance(10 * Second);               // tick 1 starts at 10 s …
        await silo.Journal.WaitFor("tick start 1");
        silo.Clock.Advance(4 * Second);                // … and runs for 4 s
        silo.Gates.Open("tick1");
        await silo.Journal.WaitFor("tick end 1");
        await WaitUntilArmed(silo);

        silo.Clock.Advance(9 * Second);                // 23 s: 10 s after the start, not after the end
        silo.Clock.Advance(Second);                    // 24 s: 10 s after the end
        await silo.Journal.WaitFor("tick start 2");
        silo.Gates.Open("tick2");
        await silo.Journal.WaitFor("tick end 2");

        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([origin.AddSeconds(10), origin.AddSeconds(24)], await ticker.TickStarts().Within());
    }

    [Fact]
    public async Task A_disposed_timer_never_ticks_again()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        await ticker.Start(due: Second, period: Second, keepAlive: false).Within();
        silo.Clock.Advance(Second);
        await silo.Journal.WaitFor("tick end 1");
        await WaitUntilArmed(silo);

        await ticker.StopTimer().Within();
        silo.Clock.Advance(10 * Second);

        Assert.Single(await ticker.TickStarts().Within());
    }

    [Fact]
    public async Task Timers_are_disposed_when_the_activation_deactivates()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Get<ITickerGrain>("t");
        var timersBefore = silo.Clock.ActiveTimers;
        await ticker.Start(due: Second, period: Second, keepAlive: false).Within();
        Assert.Equal(timersBefore + 1, silo.Clock.ActiveTimers);

        await silo.Runtime.StopAsync().Within();

        Assert.Equal(0, silo.Clock.ActiveTimers); // the grain timer and the runtime's own timers are gone
    }

    /// <summary>The end of a tick re-arms the timer just after journaling it; wait for that.</summary>
    private static async Task WaitUntilArmed(TestSilo silo)
    {
        var guard = DateTime.UtcNow + Guard.Time;
        while (silo.Clock.ActiveTimers < 3) // collector, timeout sweeper, the grain timer
        {
            if (DateTime.UtcNow > guard) throw new TimeoutException("the grain timer was not re-armed");
            await Task.Yield();
        }
    }
}
