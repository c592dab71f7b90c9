namespace Actors.Runtime.Tests;

public sealed class CollectionTests
{
    private static TestSilo Silo() => new(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
    });

    [Fact]
    public async Task An_activation_idle_past_the_collection_age_is_deactivated()
    {
        await using var silo = Silo();
        var counter = silo.Get<ICounterGrain>("c");
        await counter.Increment().Within();

        silo.Clock.Advance(TimeSpan.FromMinutes(11));

        await silo.Journal.WaitFor("deactivate c ActivationIdle");
        Assert.Equal(1, await counter.Increment().Within()); // a fresh activation, fresh memory
        Assert.Equal(2, silo.Journal.Count("activate c"));
    }

    [Fact]
    public async Task An_activation_called_recently_is_not_collected()
    {
        await using var silo = Silo();
        var counter = silo.Get<ICounterGrain>("c");
        await counter.Increment().Within();
        silo.Clock.Advance(TimeSpan.FromMinutes(8));
        await counter.Increment().Within();

        silo.Clock.Advance(TimeSpan.FromMinutes(8)); // 16 min after the first call, 8 after the last

        Assert.Equal(3, await counter.Increment().Within());
        Assert.Equal(1, silo.Journal.Count("activate c"));
    }

    [Fact]
    public async Task A_keep_alive_timer_keeps_an_idle_activation_from_collection()
    {
        await using var silo = Silo();
        var ticker = silo.Get<ITickerGrain>("k");
        await ticker.Start(due: TimeSpan.FromHours(1), period: TimeSpan.FromHours(1), keepAlive: true).Within();

        silo.Clock.Advance(TimeSpan.FromMinutes(30));

        // A collection would have been queued synchronously by the advance, ahead of this call.
        Assert.Empty(await ticker.TickStarts().Within());
        Assert.DoesNotContain(silo.Journal.Entries, e => e.StartsWith("ticker deactivate"));
    }

    [Fact]
    public async Task A_timer_without_keep_alive_does_not_prevent_collection()
    {
        await using var silo = Silo();
        var ticker = silo.Get<ITickerGrain>("k");
        await ticker.Start(due: TimeSpan.FromHours(1), period: TimeSpan.FromHours(1), keepAlive: false).Within();

        silo.Clock.Advance(TimeSpan.FromMinutes(11));

        await silo.Journal.WaitFor("ticker deactivate k ActivationIdle");
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_current_call_and_the_next_call_gets_a_new_activation()
    {
        await using var silo = Silo();
        var grain = silo.Get<ILeavingGrain>("l");
        var first = await grain.InstanceNumber().Within();

        await grain.LeaveAfterThis().Within();
        await silo.Journal.WaitFor("left l ApplicationRequested");

        Assert.NotEqual(first, await grain.InstanceNumber().Within());
    }

    [Fact]
    public async Task Calls_queued_behind_DeactivateOnIdle_are_served_by_the_next_activation()
    {
        await using var silo = Silo();
        var grain = silo.Get<ILeavingGrain>("l");
        var first = await grain.InstanceNumber().Within();

        var leaving = grain.LeaveAfterThis();
        var after = Enumerable.Range(0, 5).Select(_ => grain.InstanceNumber()).ToList();
        await leaving.Within();
        var instances = await Task.WhenAll(after).Within();

        Assert.Equal(1, silo.Journal.Count("left l ApplicationRequested"));
        Assert.All(instances, i => Assert.NotEqual(first, i));
        Assert.Single(instances.Distinct());
    }

    [Fact]
    public async Task DelayDeactivation_holds_off_idle_collection_for_the_given_time()
    {
        await using var silo = Silo();
        var grain = silo.Get<ILeavingGrain>("l");
        var first = await grain.InstanceNumber().Within();
        await grain.StayFor(TimeSpan.FromMinutes(30)).Within();

        silo.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(first, await grain.InstanceNumber().Within());

        silo.Clock.Advance(TimeSpan.FromMinutes(21));
        await silo.Journal.WaitFor("left l ActivationIdle");
    }
}
