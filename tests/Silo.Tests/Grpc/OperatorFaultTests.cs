using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Actors.Silo.Tests.Fakes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Grpc;

/// <summary>What a client sees when the operator itself breaks during a call.</summary>
public sealed class OperatorFaultTests
{
    private const string Internals = "connection refused by 10.0.0.7:6443 (secret-ca.pem)";

    [Fact]
    public async Task An_unexpected_failure_is_internal_and_keeps_its_details_in_the_log()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<IClusterOperations>(new BrokenClusterOperations()));
        using var channel = GrpcChannel.ForAddress(silo.Grpc);
        var client = new ClusterService.ClusterServiceClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetClusterAsync(
            new GetClusterRequest { Namespace = "kafka", Name = "demo" },
            new Metadata { { "authorization", $"Bearer {TestSilo.ReadToken}" } }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        Assert.Equal("/actors.v1.ClusterService/GetCluster failed inside the operator; see its log.", refused.Status.Detail);
        Assert.DoesNotContain(Internals, refused.Status.Detail);
    }

    private sealed class BrokenClusterOperations : IClusterOperations
    {
        private static Exception Broken => new HttpRequestException(Internals);

        public Task<IReadOnlyList<ClusterView>> ListClustersAsync(string? ns, CancellationToken cancellationToken) => throw Broken;
        public Task<ClusterView> GetClusterAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
        public Task<ClusterView> ScaleBrokersAsync(string ns, string name, int brokers, CancellationToken cancellationToken) => throw Broken;
        public Task<ClusterView> RequestRollingRestartAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
        public Task<ClusterView> PauseAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
        public Task<ClusterView> ResumeAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
        public Task<IReadOnlyList<ClusterEventView>> ListEventsAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
        public IAsyncEnumerable<ClusterView> WatchClusterAsync(string ns, string name, CancellationToken cancellationToken) => throw Broken;
    }
}
