namespace Actors.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task No_two_turns_of_an_activation_overlap()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<ITurnGrain>("t");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            Task.WhenAll(Enumerable.Range(0, 50).Select(i => grain.Work(worker * 1000 + i)))))).Within();

        Assert.Equal(1, await grain.MaxConcurrent());
        Assert.Equal(400, (await grain.Order()).Count);
    }

    [Fact]
    public async Task Calls_from_one_caller_run_in_the_order_they_were_made()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<ITurnGrain>("t");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(grain.Work)).Within();

        Assert.Equal(Enumerable.Range(0, 200), await grain.Order());
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_another_turn_is_held()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<ITurnGrain>("t");
        var held = grain.Hold("g");
        await silo.Journal.WaitFor("hold g start");

        Assert.Equal("pong", await grain.Ping().Within());
        Assert.False(held.IsCompleted);

        silo.Gates.Open("g");
        await held.Within();
    }

    [Fact]
    public async Task A_plain_call_waits_for_the_held_turn()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<ITurnGrain>("t");
        var held = grain.Hold("g");
        await silo.Journal.WaitFor("hold g start");

        var queued = grain.Work(1);
        var second = grain.Hold("g2"); // queued behind: must not have started

        silo.Gates.Open("g");
        await held.Within();
        await queued.Within();
        await silo.Journal.WaitFor("hold g2 start");
        silo.Gates.Open("g2");
        await second.Within();

        var entries = silo.Journal.Entries.ToList();
        Assert.True(entries.IndexOf("hold g end") < entries.IndexOf("hold g2 start"));
    }

    [Fact]
    public async Task Read_only_calls_run_concurrently_with_each_other()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<ITurnGrain>("t");
        var held = grain.Hold("g"); // queue the readers behind one turn so they sit in the mailbox together
        await silo.Journal.WaitFor("hold g start");
        var readers = Enumerable.Range(0, 3).Select(_ => grain.ReadTogether(3)).ToList();

        silo.Gates.Open("g");

        // Each reader waits until all three are inside at once: one-at-a-time would never finish.
        var results = await Task.WhenAll(readers).Within();
        Assert.Equal(new[] { 3, 3, 3 }, results);
        await held;
    }
}
