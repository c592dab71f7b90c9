using Actors.Contracts.Proto;
using Actors.Silo.Health;
using Actors.Silo.Tests.Fakes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Reflection.V1;

namespace Actors.Silo.Tests.Grpc;

/// <summary>
/// The standard services beside actors.v1.ClusterService, as grpc-health-probe, Kubernetes'
/// gRPC probes and grpcurl call them: no token, answers from the operator's own state.
/// </summary>
public sealed class HealthAndReflectionTests : IAsyncLifetime
{
    private readonly SwitchedReadiness readiness = new();
    private TestSilo silo = null!;
    private GrpcChannel channel = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync(services: services => services.AddSingleton(readiness).AddReadinessCheck<SwitchedReadiness>());
        channel = GrpcChannel.ForAddress(silo.Grpc);
    }

    public async Task DisposeAsync()
    {
        channel.Dispose();
        await silo.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("actors.v1.ClusterService")]
    public async Task Health_is_serving_when_readyz_is_ready(string service)
    {
        var health = new HealthClient(channel);

        var answer = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    [Fact]
    public async Task Health_is_not_serving_while_a_readiness_check_waits()
    {
        var health = new HealthClient(channel);
        readiness.Ready = false;

        var answer = await health.CheckAsync(new HealthCheckRequest { Service = "actors.v1.ClusterService" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, answer.Status);
    }

    [Fact]
    public async Task Health_of_a_service_the_operator_does_not_serve_is_not_found()
    {
        var health = new HealthClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "actors.v1.BrokerService" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Reflection_lists_the_cluster_service_and_describes_it()
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "actors.v1.ClusterService" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        await call.RequestStream.CompleteAsync();

        Assert.Contains("actors.v1.ClusterService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        var service = files.SelectMany(f => f.Service).Single(s => s.Name == "ClusterService");
        Assert.Equal(
            ClusterService.Descriptor.Methods.Select(m => m.Name),
            service.Method.Select(m => m.Name));
        Assert.True(service.Method.Single(m => m.Name == "WatchCluster").ServerStreaming);
    }

    /// <summary>A /readyz check the test turns on and off.</summary>
    private sealed class SwitchedReadiness : IReadinessCheck
    {
        public volatile bool Ready = true;

        public string Name => "switched";

        public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ReadinessResult(Ready, Ready ? "ready" : "waiting for the test"));
    }
}
