using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Actors.Silo.Tests.Fakes;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Silo.Tests.Grpc;

/// <summary>
/// actors.v1.ClusterService through the typed .NET client generated from actors.proto
/// (Grpc.Net.Client): what a C# user of the API sees for each refusal, a deadline and a cancel.
/// </summary>
public sealed class ClusterClientTests : IAsyncLifetime
{
    private TestSilo silo = null!;
    private GrpcChannel channel = null!;
    private ClusterService.ClusterServiceClient client = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        channel = GrpcChannel.ForAddress(silo.Grpc);
        client = new ClusterService.ClusterServiceClient(channel);
    }

    public async Task DisposeAsync()
    {
        channel.Dispose();
        await silo.DisposeAsync();
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static readonly GetClusterRequest Demo = new() { Namespace = "kafka", Name = "demo" };

    [Fact]
    public async Task A_read_token_gets_the_cluster()
    {
        var cluster = await client.GetClusterAsync(Demo, Bearer(TestSilo.ReadToken));

        Assert.Equal("Running", cluster.Phase);
        Assert.Equal(3, cluster.ReadyBrokers);
    }

    [Fact]
    public async Task No_token_is_unauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetClusterAsync(Demo).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_read_token_changing_a_cluster_is_permission_denied()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ScaleBrokersAsync(new ScaleBrokersRequest { Namespace = "kafka", Name = "demo", Brokers = 4 }, Bearer(TestSilo.ReadToken)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_method_named_in_another_case_is_unimplemented()
    {
        // The generated client's own method, spelled in lower case.
        var lowerCase = new Method<GetClusterRequest, Cluster>(
            MethodType.Unary, ClusterService.Descriptor.FullName, "getcluster",
            Marshallers.Create(r => r.ToByteArray(), GetClusterRequest.Parser.ParseFrom),
            Marshallers.Create(r => r.ToByteArray(), Cluster.Parser.ParseFrom));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(lowerCase, null, new CallOptions(Bearer(TestSilo.ReadToken)), Demo).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        Assert.Contains("case-sensitive; did you mean /actors.v1.ClusterService/GetCluster?", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task An_unknown_cluster_is_not_found()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.RestartClusterAsync(new RestartClusterRequest { Namespace = "kafka", Name = "missing" }, Bearer(TestSilo.AdminToken)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Equal("KafkaCluster kafka/missing not found.", refused.Status.Detail);
    }

    [Fact]
    public async Task A_broker_count_out_of_bounds_is_an_invalid_argument_naming_the_field()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ScaleBrokersAsync(new ScaleBrokersRequest { Namespace = "kafka", Name = "demo", Brokers = 0 }, Bearer(TestSilo.AdminToken)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("brokers: ", refused.Status.Detail);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_change_that_conflicts_with_the_rollout_fails_its_precondition()
    {
        silo.Clusters.NextFailure = new ClusterConflictException("kafka/demo is rolling (1 of 3); pause after the rollout finishes.");

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.PauseClusterAsync(new PauseClusterRequest { Namespace = "kafka", Name = "demo" }, Bearer(TestSilo.AdminToken)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("kafka/demo is rolling (1 of 3); pause after the rollout finishes.", refused.Status.Detail);
    }

    [Fact]
    public async Task A_watch_past_its_deadline_is_deadline_exceeded_and_ends_on_the_server()
    {
        using var watch = client.WatchCluster(new WatchClusterRequest { Namespace = "kafka", Name = "demo" }, Bearer(TestSilo.ReadToken),
            deadline: DateTime.UtcNow.AddSeconds(1));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
        await silo.Clusters.WatchEndedAsync("kafka/demo");
    }

    [Fact]
    public async Task A_cancelled_watch_is_cancelled_and_ends_on_the_server()
    {
        using var cancel = new CancellationTokenSource();
        using var watch = client.WatchCluster(new WatchClusterRequest { Namespace = "kafka", Name = "demo" }, Bearer(TestSilo.ReadToken),
            cancellationToken: cancel.Token);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await cancel.CancelAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        await silo.Clusters.WatchEndedAsync("kafka/demo");
    }
}
