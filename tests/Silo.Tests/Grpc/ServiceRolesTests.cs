using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Actors.Contracts.Proto;
using Actors.Silo.Api.Access;
using Actors.Silo.Grpc;
using Actors.Silo.Telemetry;
using Actors.Silo.Tests.Fakes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Silo.Tests.Grpc;

/// <summary>Who may call which method, and that a refusal is still traced.</summary>
public sealed class ServiceRolesTests
{
    [Fact]
    public void Every_method_declares_its_role_and_only_reads_are_open_to_read_tokens()
    {
        var roles = ClusterService.Descriptor.Methods.ToDictionary(
            m => m.Name,
            m => typeof(ClusterGrpcService).GetMethod(m.Name)?.GetCustomAttribute<RequiresRoleAttribute>()?.Role);

        Assert.DoesNotContain(roles, r => r.Value is null);
        Assert.Equal(
            ["GetCluster", "ListClusters", "ListEvents", "WatchCluster"],
            roles.Where(r => r.Value == ApiRole.Read).Select(r => r.Key).Order());
    }

    [Fact]
    public async Task A_refused_call_is_one_span_with_its_status_code()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ActorsTelemetry.ApiSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await TestSilo.StartAsync();
        using var channel = GrpcChannel.ForAddress(silo.Grpc);

        await Assert.ThrowsAsync<RpcException>(() => new ClusterService.ClusterServiceClient(channel)
            .ListEventsAsync(new ListEventsRequest { Namespace = "kafka", Name = "demo" }, new Metadata { { "authorization", "Bearer forged-roles-test" } })
            .ResponseAsync);

        var span = Assert.Single(spans, s => s.DisplayName == "actors.v1.ClusterService/ListEvents" && s.GetTagItem("rpc.grpc.status_code") is (int)StatusCode.Unauthenticated);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }
}
