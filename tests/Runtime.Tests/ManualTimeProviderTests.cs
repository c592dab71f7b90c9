using Actors.Runtime.Timing;

namespace Actors.Runtime.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advancing_fires_due_timers_in_due_order_with_the_clock_at_each_due_time()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([("early", TimeSpan.FromSeconds(1)), ("late", TimeSpan.FromSeconds(3))], fired);
        Assert.Equal(start.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6)); // 1, 3, 5

        Assert.Equal(3, count);
    }

    [Fact]
    public void Change_and_dispose_are_honoured()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, count);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Task_Delay_on_the_manual_clock_completes_when_the_clock_passes_it()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.Within();
    }

    [Fact]
    public void Timestamps_follow_the_clock()
    {
        var clock = new ManualTimeProvider();
        var before = clock.GetTimestamp();
        clock.SetUtcNow(clock.GetUtcNow().AddMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(3), clock.GetElapsedTime(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
    }
}
