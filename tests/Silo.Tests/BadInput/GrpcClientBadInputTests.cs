using Actors.Contracts.Proto;
using FsCheck;
using FsCheck.Fluent;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The gRPC API under generated bad calls (<see cref="ClientCalls"/>) through the generated .NET
/// client on the real h2c listener, over the real operations on the emulator: each is refused
/// with a status that says why — never INTERNAL or UNKNOWN — and nothing is written.
/// </summary>
public sealed class GrpcClientBadInputTests(BadInputSilo target) : IClassFixture<BadInputSilo>, IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(target.Silo.Grpc, new GrpcChannelOptions { MaxSendMessageSize = null });

    [CampaignProperty(Runs = 100)]
    public Property A_call_with_bad_fields_or_token_is_refused_saying_why_and_changes_nothing() =>
        Prop.ForAll(Arb.From(ClientCalls.Any), call => Task.Run(() => CheckAsync(call)).GetAwaiter().GetResult());

    private async Task CheckAsync(ClientCall call)
    {
        var before = await target.ResourceVersionAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => InvokeAsync(call));

        Assert.True(ClientCalls.Expected.Contains(error.StatusCode), $"{call}: answered {error.StatusCode} '{error.Status.Detail}'");
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail), $"{call}: answered {error.StatusCode} without a message");
        Assert.True(before == await target.ResourceVersionAsync(), $"{call}: answered {error.StatusCode} and the KafkaCluster was written");
        var still = await new ClusterService.ClusterServiceClient(channel).GetClusterAsync(
            new GetClusterRequest { Namespace = BadInputSilo.Namespace, Name = BadInputSilo.Name },
            new Metadata { { "authorization", "Bearer " + Fakes.TestSilo.ReadToken } });
        Assert.Equal(BadInputSilo.Name, still.Name);
    }

    private async Task InvokeAsync(ClientCall call)
    {
        var client = new ClusterService.ClusterServiceClient(channel);
        var headers = new Metadata();
        if (call.Authorization is not null)
        {
            headers.Add("authorization", call.Authorization);
        }

        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(30));
        switch (call.Method)
        {
            case "GetCluster": await client.GetClusterAsync(new GetClusterRequest { Namespace = call.Namespace, Name = call.Name }, options); break;
            case "ListEvents": await client.ListEventsAsync(new ListEventsRequest { Namespace = call.Namespace, Name = call.Name }, options); break;
            case "ScaleBrokers": await client.ScaleBrokersAsync(new ScaleBrokersRequest { Namespace = call.Namespace, Name = call.Name, Brokers = call.Brokers }, options); break;
            case "RestartCluster": await client.RestartClusterAsync(new RestartClusterRequest { Namespace = call.Namespace, Name = call.Name }, options); break;
            case "PauseCluster": await client.PauseClusterAsync(new PauseClusterRequest { Namespace = call.Namespace, Name = call.Name }, options); break;
            case "ResumeCluster": await client.ResumeClusterAsync(new ResumeClusterRequest { Namespace = call.Namespace, Name = call.Name }, options); break;
            default:
                using (var watch = client.WatchCluster(new WatchClusterRequest { Namespace = call.Namespace, Name = call.Name }, options))
                {
                    await watch.ResponseStream.MoveNext(CancellationToken.None);
                }

                break;
        }
    }

    public void Dispose() => channel.Dispose();
}
