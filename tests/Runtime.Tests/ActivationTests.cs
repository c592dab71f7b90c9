namespace Actors.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task Concurrent_first_calls_from_many_threads_make_exactly_one_activation()
    {
        await using var silo = new TestSilo();
        const int threads = 32;
        using var start = new Barrier(threads);
        var calls = new Task<int>[threads];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var grain = silo.Get<ISingletonGrain>("only"); // each thread takes its own reference
            start.SignalAndWait();
            calls[i] = grain.Arrive();
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var arrivals = await Task.WhenAll(calls).Within();

        Assert.Equal(1, silo.Service<ActivationCount>().Value);
        Assert.Equal(Enumerable.Range(1, threads), arrivals.Order());
    }

    [Fact]
    public async Task Grains_get_their_constructor_services_from_dependency_injection()
    {
        await using var silo = new TestSilo();
        var description = await silo.Get<IServiceGrain>("s").Describe().Within();
        Assert.Equal($"sunny at {silo.Clock.GetUtcNow():O}", description);
    }

    [Fact]
    public async Task An_exception_thrown_by_a_grain_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = new TestSilo();
        var counter = silo.Get<ICounterGrain>("c");

        var error = await Assert.ThrowsAsync<CounterRefusedException>(() => counter.Refuse("broker 2 is not drained").Within());

        Assert.Equal("broker 2 is not drained", error.Message);
        Assert.Equal(1, await counter.Increment()); // the activation survives a failed call
    }

    [Fact]
    public async Task A_failing_OnActivateAsync_fails_the_call_and_the_next_call_activates_afresh()
    {
        await using var silo = new TestSilo();
        silo.Service<ActivationFaults>().FailuresLeft = 1;
        var grain = silo.Get<IFragileGrain>("f");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Hello().Within());
        Assert.Equal("cannot activate f: backing store unavailable", error.Message);
        Assert.Equal(0, silo.Runtime.ActivationCount);

        Assert.Equal("hello", await grain.Hello().Within());
        Assert.Equal(2, silo.Service<ActivationFaults>().Attempts);
        Assert.Equal(1, silo.Journal.Count("fragile active f"));
    }

    [Fact]
    public async Task Calls_queued_behind_a_failing_activation_fail_with_its_error()
    {
        await using var silo = new TestSilo();
        silo.Service<ActivationFaults>().FailuresLeft = 1;
        var grain = silo.Get<IFragileGrain>("f");

        var calls = Enumerable.Range(0, 5).Select(_ => grain.Hello()).ToList();

        foreach (var call in calls)
        {
            var outcome = await Record.ExceptionAsync(() => call.Within());
            Assert.True(outcome is null || outcome.Message == "cannot activate f: backing store unavailable", outcome?.ToString());
        }
        Assert.IsType<InvalidOperationException>(await Record.ExceptionAsync(() => calls[0]));
    }
}

public sealed class CallerResumptionTests
{
    [Fact]
    public async Task With_inline_resumption_off_an_outside_caller_never_resumes_on_the_grains_pump()
    {
        await using var silo = new TestSilo(o => o.ResumeOutsideCallersInline = false);
        var counter = silo.Get<ICounterGrain>("c");

        // Outside code without a synchronization context that blocks on a second call right after
        // the first resumes: on the grain's own pump thread that would wait forever.
        var second = await Task.Run(async () =>
        {
            await counter.Increment();
            return BlockOn(counter.Increment());
        }).Within();

        Assert.Equal(2, second);
    }

    /// <summary>Sync-over-async, as careless outside code does it.</summary>
    private static int BlockOn(Task<int> call) => call.Within().GetAwaiter().GetResult();
}
