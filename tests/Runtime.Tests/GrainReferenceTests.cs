namespace Actors.Runtime.Tests;

public sealed class GrainReferenceTests
{
    [Fact]
    public async Task References_to_the_same_identity_are_equal_and_print_type_slash_key()
    {
        await using var silo = new TestSilo();
        var first = silo.Get<ICounterGrain>("kafka/demo/0");
        var second = silo.Get<ICounterGrain>("kafka/demo/0");
        var other = silo.Get<ICounterGrain>("kafka/demo/1");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Equal("CounterGrain/kafka/demo/0", first.GetGrainId().ToString());
        Assert.Equal(first.GetGrainId(), GrainId.Parse("CounterGrain/kafka/demo/0"));
        Assert.Equal("kafka/demo/0", first.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_reference_taken_before_activation_activates_the_grain_on_first_call()
    {
        await using var silo = new TestSilo();
        var counter = silo.Get<ICounterGrain>("c");
        Assert.Equal(0, silo.Runtime.ActivationCount);

        Assert.Equal(1, await counter.Increment().Within());
        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal("c", await counter.Key());
    }

    [Fact]
    public async Task A_reference_stays_valid_across_a_runtime_restart()
    {
        await using var silo = new TestSilo();
        var counter = silo.Get<ICounterGrain>("c");
        await counter.Increment().Within();

        await silo.Runtime.StopAsync().Within();
        await silo.Runtime.StartAsync();

        Assert.Equal(1, await counter.Increment().Within()); // a fresh activation answers the old reference
        Assert.Equal(2, silo.Journal.Count("activate c"));
    }

    [Fact]
    public async Task A_stored_grain_id_rebinds_to_a_working_reference()
    {
        await using var silo = new TestSilo();
        await silo.Get<ICounterGrain>("c").Increment().Within();
        var stored = silo.Get<ICounterGrain>("c").GetGrainId().ToString();

        var rebound = silo.Grains.GetGrain<ICounterGrain>(GrainId.Parse(stored));

        Assert.Equal(2, await rebound.Increment().Within());
    }

    [Fact]
    public async Task ValueTask_methods_are_called_like_Task_methods()
    {
        await using var silo = new TestSilo();
        var counter = silo.Get<ICounterGrain>("v");
        await counter.Touch();
        Assert.Equal(1, await counter.GetAsValueTask());
    }

    [Fact]
    public async Task An_unregistered_interface_is_refused_with_a_message_naming_it()
    {
        await using var silo = new TestSilo();
        var error = Assert.Throws<InvalidOperationException>(() => silo.Get<IUnimplementedGrain>("x"));
        Assert.Contains(nameof(IUnimplementedGrain), error.Message);
    }
}

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}
