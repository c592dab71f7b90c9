namespace Actors.Runtime.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_waits_for_running_turns_then_deactivates_every_activation()
    {
        await using var silo = new TestSilo();
        await silo.Get<ICounterGrain>("a").Increment().Within();
        await silo.Get<ICounterGrain>("b").Increment().Within();
        var busy = silo.Get<ITurnGrain>("busy");
        var held = busy.Hold("g");
        await silo.Journal.WaitFor("hold g start");

        var stopping = silo.Runtime.StopAsync();
        Assert.False(stopping.IsCompleted);
        Assert.Equal(ActorRuntimeState.Stopping, silo.Runtime.State);

        silo.Gates.Open("g");
        await stopping.Within();

        await held.Within(); // the running call completed normally
        Assert.Contains("deactivate a ShuttingDown", silo.Journal.Entries);
        Assert.Contains("deactivate b ShuttingDown", silo.Journal.Entries);
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(ActorRuntimeState.Stopped, silo.Runtime.State);
    }

    [Fact]
    public async Task Calls_after_shutdown_fail_with_a_message_saying_the_runtime_is_stopped()
    {
        await using var silo = new TestSilo();
        var counter = silo.Get<ICounterGrain>("a");
        await counter.Increment().Within();
        await silo.Runtime.StopAsync().Within();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Increment().Within());

        Assert.Contains("stopped", error.Message);
        Assert.Contains("CounterGrain/a", error.Message);
    }

    [Fact]
    public async Task Calls_before_start_fail_clearly()
    {
        await using var silo = new TestSilo();
        await silo.Runtime.StopAsync().Within();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Get<ICounterGrain>("x").Get().Within());
        Assert.Contains("stopped", error.Message);
    }
}
