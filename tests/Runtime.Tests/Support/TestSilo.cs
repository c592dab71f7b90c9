using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests;

/// <summary>A started runtime with every test grain, a fake clock, memory storage "store", a journal and gates.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TestSilo(Action<ActorRuntimeOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton(Journal);
        collection.AddSingleton(Gates);
        collection.AddSingleton<ActivationFaults>();
        collection.AddSingleton<ActivationCount>();
        collection.AddSingleton<WeatherClient>();
        collection.AddMetrics();
        collection.AddLogging();
        collection.AddActorRuntime(o => configure?.Invoke(o))
            .AddGrainsFromAssembly(typeof(TestSilo).Assembly)
            .AddMemoryGrainStorage("store");
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider();
        Runtime = _services.GetRequiredService<ActorRuntime>();
        Runtime.StartAsync().GetAwaiter().GetResult();
    }

    public WatchedTimeProvider Clock { get; } = new();
    public Journal Journal { get; } = new();
    public Gates Gates { get; } = new();
    public ActorRuntime Runtime { get; }
    public IGrainFactory Grains => Runtime;
    public IServiceProvider Services => _services;

    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public T Get<T>(string key) where T : IGrainWithStringKey => Runtime.GetGrain<T>(key);

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync().Within();
        await _services.DisposeAsync();
    }
}
