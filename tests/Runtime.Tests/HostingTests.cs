using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task The_generic_host_starts_the_runtime_and_its_shutdown_deactivates_the_grains()
    {
        var journal = new Journal();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestTime.Start));
        builder.Services.AddActorRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))
            .AddGrain<ICounterGrain, CounterGrain>();
        using var host = builder.Build();

        await host.StartAsync().Within();
        var counter = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("hosted");
        Assert.Equal(1, await counter.Increment().Within());
        await host.StopAsync().Within();

        Assert.Contains("deactivate hosted ShuttingDown", journal.Entries);
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Increment().Within());
    }

    [Fact]
    public async Task A_grain_type_attribute_names_the_identity()
    {
        await using var silo = new TestSilo();
        var grain = silo.Get<INamedGrain>("n");
        Assert.Equal("named/n", grain.GetGrainId().ToString());
        Assert.Equal("n", await grain.Key().Within());
    }

    [Fact]
    public async Task Rebinding_an_identity_to_an_interface_its_class_does_not_implement_is_refused()
    {
        await using var silo = new TestSilo();
        var error = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<ICounterGrain>(GrainId.Parse("named/n")));
        Assert.Contains("does not implement ICounterGrain", error.Message);
    }
}

public interface INamedGrain : IGrainWithStringKey
{
    Task<string> Key();
}

[GrainType("named")]
public sealed class NamedGrain : Grain, INamedGrain
{
    public Task<string> Key() => Task.FromResult(this.GetPrimaryKeyString());
}
