using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Grpc;

/// <summary>One operator host and one Python gRPC client shared by a test class.</summary>
public sealed class GrpcSiloFixture : IAsyncLifetime
{
    public TestSilo Silo { get; private set; } = null!;
    public PythonGrpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartAsync();
        Client = await PythonGrpcClient.StartAsync(Silo.Grpc);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Silo.DisposeAsync();
    }
}
