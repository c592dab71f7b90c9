using Actors.GrainRuntime.Tests.Grains;
using Actors.GrainRuntime.Tests.Support;

namespace Actors.GrainRuntime.Tests.Semantics;

/// <summary>
/// A grain timer (RegisterGrainTimer) is driven by the TimeProvider in DI and each tick is a turn:
/// what lets a grain say "look again in 30 s" and a test make those 30 s pass at once.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class TimerTests(SharedSilo shared)
{
    private OrleansSilo Silo => shared.Silo;

    [Fact]
    public async Task A_timer_ticks_once_each_time_the_fake_clock_passes_its_period()
    {
        var ticker = Silo.Get<ITickerGrain>("periodic");
        await ticker.Start(TimeSpan.FromSeconds(30));

        Silo.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await ticker.Ticks());

        Silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await Silo.Journal.WaitFor("periodic tick 1");
        // A call is a turn after the tick's: by then the tick has ended and Orleans has scheduled
        // the next one from the clock's present (advancing before that would skip it).
        Assert.Equal(1, await ticker.Ticks());
        Silo.Clock.Advance(TimeSpan.FromSeconds(30));
        await Silo.Journal.WaitFor("periodic tick 2");

        Assert.Equal(2, await ticker.Ticks());
    }

    [Fact]
    public async Task A_tick_that_falls_due_during_a_call_waits_for_the_call_to_end()
    {
        var ticker = Silo.Get<ITickerGrain>("busy");
        await ticker.Start(TimeSpan.FromSeconds(10));
        var held = ticker.Hold("busy");
        await Silo.Journal.WaitFor("busy hold start");

        Silo.Clock.Advance(TimeSpan.FromSeconds(10));
        Silo.Gates.Open("busy");
        await held.Within();
        await Silo.Journal.WaitFor("busy tick 1");

        Assert.DoesNotContain("busy tick 1 inside a call", Silo.Journal.Entries);
        Assert.True(Silo.Journal.IndexOf("busy hold end") < Silo.Journal.IndexOf("busy tick 1"));
    }
}
