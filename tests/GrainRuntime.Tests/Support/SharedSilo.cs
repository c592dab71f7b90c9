using Actors.Emulator;

namespace Actors.GrainRuntime.Tests.Support;

/// <summary>
/// One silo and one emulator for the tests of a collection (each test uses its own grain keys):
/// starting a cluster per test would cost more than the tests themselves.
/// </summary>
public sealed class SharedSilo : IAsyncLifetime
{
    public const string Namespace = "kafka";

    public EmulatorFixture Emulator { get; private set; } = null!;
    public k8s.Kubernetes Kubernetes { get; private set; } = null!;
    public OrleansSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = [Namespace] });
        Kubernetes = Emulator.Client();
        Silo = await OrleansSilo.StartAsync(kubernetes: Kubernetes);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SharedSilo>
{
    public const string Name = "one silo";
}
