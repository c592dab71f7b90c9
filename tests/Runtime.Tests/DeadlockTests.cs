namespace Actors.Runtime.Tests;

public sealed class DeadlockTests
{
    [Fact]
    public async Task A_call_chain_returning_to_a_busy_grain_fails_at_once_naming_the_chain()
    {
        await using var silo = new TestSilo();
        var a = silo.Get<IChainAGrain>("x");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallThroughB("y", interleavingCallback: false).Within());

        Assert.Contains("ChainAGrain/x → ChainBGrain/y → ChainAGrain/x", error.Message);
        Assert.Contains("IChainAGrain/Plain", error.Message);
        Assert.Equal([GrainId.Parse("ChainAGrain/x"), GrainId.Parse("ChainBGrain/y"), GrainId.Parse("ChainAGrain/x")], error.CallChain);
    }

    [Fact]
    public async Task A_call_chain_returning_through_an_always_interleave_method_completes()
    {
        await using var silo = new TestSilo();
        var a = silo.Get<IChainAGrain>("x");

        Assert.Equal("b→interleaving", await a.CallThroughB("y", interleavingCallback: true).Within());
    }

    [Fact]
    public async Task A_grain_calling_itself_fails_with_a_deadlock_error()
    {
        await using var silo = new TestSilo();
        var error = await Assert.ThrowsAsync<DeadlockException>(() => silo.Get<IChainAGrain>("x").CallSelf().Within());
        Assert.Contains("ChainAGrain/x → ChainAGrain/x", error.Message);
    }

    [Fact]
    public async Task A_cycle_through_OnActivateAsync_is_refused_too()
    {
        await using var silo = new TestSilo();
        var a = silo.Get<IChainAGrain>("x");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallGrainThatCallsBackWhileActivating("x").Within());

        Assert.Contains("ChainAGrain/x → EagerGrain/x → ChainAGrain/x", error.Message);
    }

    [Fact]
    public async Task The_grain_stays_usable_after_a_refused_cycle()
    {
        await using var silo = new TestSilo();
        var a = silo.Get<IChainAGrain>("x");
        await Assert.ThrowsAsync<DeadlockException>(() => a.CallThroughB("y", false).Within());
        Assert.Equal("plain", await a.Plain().Within());
    }

    [Fact]
    public async Task A_call_unanswered_within_the_response_timeout_fails_naming_grain_and_method()
    {
        await using var silo = new TestSilo(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        var grain = silo.Get<ITurnGrain>("stuck");
        var held = grain.Hold("never");
        await silo.Journal.WaitFor("hold never start");
        var queued = grain.Work(1);

        // Deadlines are checked every heartbeat (a tenth of the timeout): the calls fail after
        // the timeout and within two heartbeats more.
        silo.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(held.IsCompleted);
        silo.Clock.Advance(TimeSpan.FromSeconds(2));

        var running = await Assert.ThrowsAsync<TimeoutException>(() => held.Within());
        Assert.Contains("TurnGrain/stuck", running.Message);
        Assert.Contains("ITurnGrain/Hold", running.Message);
        var waiting = await Assert.ThrowsAsync<TimeoutException>(() => queued.Within());
        Assert.Contains("ITurnGrain/Work", waiting.Message);

        silo.Gates.Open("never"); // let shutdown finish
    }
}
