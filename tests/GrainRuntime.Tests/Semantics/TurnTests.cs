using Actors.GrainRuntime.Tests.Grains;
using Actors.GrainRuntime.Tests.Support;

namespace Actors.GrainRuntime.Tests.Semantics;

/// <summary>
/// One turn at a time per activation: the reason a grain's reconcile needs no locks, and the
/// reason a status query must be marked to run beside a reconcile rather than wait behind it.
/// Unlike the previous runtime, Orleans does not promise that calls one caller sends without
/// awaiting them run in the order sent (tried here: 100 such calls ran as 0, 99, 1, 2…): a caller
/// that needs an order awaits each call.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class TurnTests(SharedSilo shared)
{
    private OrleansSilo Silo => shared.Silo;

    [Fact]
    public async Task No_two_turns_of_an_activation_overlap()
    {
        var grain = Silo.Get<ITurnGrain>("overlap");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            Task.WhenAll(Enumerable.Range(0, 25).Select(i => grain.Work(worker * 1000 + i)))))).Within();

        var counts = await grain.Counts();
        Assert.Equal(1, counts.MostAtOnce);
        Assert.Equal(200, counts.Order.Count);
    }

    [Fact]
    public async Task An_always_interleave_query_answers_while_a_turn_is_held()
    {
        var grain = Silo.Get<ITurnGrain>("interleave");
        var held = grain.Hold("interleave");
        await Silo.Journal.WaitFor("hold interleave start");

        Assert.Equal("pong", await grain.Ping().Within());
        Assert.False(held.IsCompleted);

        Silo.Gates.Open("interleave");
        await held.Within();
    }

    [Fact]
    public async Task A_plain_call_waits_for_the_held_turn()
    {
        var grain = Silo.Get<ITurnGrain>("plain");
        var held = grain.Hold("plain-1");
        await Silo.Journal.WaitFor("hold plain-1 start");

        var second = grain.Hold("plain-2");
        Silo.Gates.Open("plain-1");
        await held.Within();
        await Silo.Journal.WaitFor("hold plain-2 start");
        Silo.Gates.Open("plain-2");
        await second.Within();

        Assert.True(Silo.Journal.IndexOf("hold plain-1 end") < Silo.Journal.IndexOf("hold plain-2 start"));
    }

    [Fact]
    public async Task A_read_only_query_waits_behind_a_held_turn_that_is_not_read_only()
    {
        // Orleans' [ReadOnly] lets read-only calls share a turn only with each other: a status query
        // that must answer during a reconcile needs [AlwaysInterleave] instead.
        var grain = Silo.Get<ITurnGrain>("readonly-waits");
        var held = grain.Hold("readonly-waits");
        await Silo.Journal.WaitFor("hold readonly-waits start");

        var peek = grain.Peek();
        await grain.Ping().Within(); // a full round trip through the activation after the peek was sent
        Assert.DoesNotContain("peek readonly-waits", Silo.Journal.Entries);

        Silo.Gates.Open("readonly-waits");
        await held.Within();
        Assert.Equal("peeked", await peek.Within());
        Assert.True(Silo.Journal.IndexOf("hold readonly-waits end") < Silo.Journal.IndexOf("peek readonly-waits"));
    }

    [Fact]
    public async Task Read_only_queries_run_together()
    {
        var grain = Silo.Get<ITurnGrain>("readers");

        // Each reader returns only once all three are inside at once: one at a time would never end.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => grain.ReadTogether(3))).Within();

        Assert.Equal([3, 3, 3], results);
    }
}
