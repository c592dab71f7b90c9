using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.Silo.Telemetry;
using Actors.Silo.Tests.Fakes;
using Actors.Silo.Tests.Grpc;

namespace Actors.Silo.Tests.Telemetry;

public sealed class ApiSpanTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener listener;
    private TestSilo silo = null!;

    public ApiSpanTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ActorsTelemetry.ApiSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo("kafka", "traced"));
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task Each_HTTP_request_is_one_span_named_by_its_route()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        await client.GetAsync("/api/v1/clusters/kafka/traced");

        var span = Assert.Single(spans, s => (string?)s.GetTagItem("actors.cluster") == "kafka/traced");
        Assert.Equal("GET /api/v1/clusters/{namespace}/{name}", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Each_gRPC_call_is_one_span_with_its_status_code()
    {
        await using var grpc = await PythonGrpcClient.StartAsync(silo.Grpc);

        await grpc.UnaryAsync("GetCluster", new { @namespace = "kafka", name = "missing-traced" }, TestSilo.ReadToken);

        var span = Assert.Single(spans, s => (string?)s.GetTagItem("actors.cluster") == "kafka/missing-traced");
        Assert.Equal("actors.v1.ClusterService/GetCluster", span.DisplayName);
        Assert.Equal("grpc", span.GetTagItem("rpc.system"));
        Assert.Equal(5, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityKind.Server, span.Kind);
    }
}
