using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using k8s;

namespace Actors.Kubernetes.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_request_is_counted_by_method_and_code_and_traced_as_a_client_span()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = cluster.Client();
        var counted = new ConcurrentBag<(long Value, string? Method, string? Code)>();
        var durations = new ConcurrentBag<string?>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KubernetesMetricNames.MeterName
                && instrument.Name is KubernetesMetricNames.RequestsTotal or KubernetesMetricNames.RequestDuration)
                listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            counted.Add((value, Tag(tags, KubernetesMetricNames.MethodTag), Tag(tags, KubernetesMetricNames.CodeTag))));
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) => durations.Add(Tag(tags, KubernetesMetricNames.MethodTag)));
        meters.Start();
        var spans = new ConcurrentBag<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KubernetesMetricNames.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(tracing);
        cluster.Server.ThenText(418, "teapot");

        await Assert.ThrowsAnyAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.DeleteNamespacedPodAsync("x", "telemetry-test"));

        Assert.Contains((1L, "DELETE", "418"), counted);
        Assert.Contains("DELETE", durations);
        var span = Assert.Single(spans, s => (string?)s.GetTagItem("url.path") == "/api/v1/namespaces/telemetry-test/pods/x");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("DELETE /api/v1/namespaces/{namespace}/pods/{name}", span.DisplayName);
        Assert.Equal(418, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
            if (tag.Key == name) return tag.Value as string;
        return null;
    }
}

public sealed class SpanNameTests
{
    [Theory]
    [InlineData("/api/v1/namespaces/kafka/pods/demo-0/status", "/api/v1/namespaces/{namespace}/pods/{name}/status")]
    [InlineData("/api/v1/namespaces/kafka/pods", "/api/v1/namespaces/{namespace}/pods")]
    [InlineData("/api/v1/namespaces/kafka", "/api/v1/namespaces/{name}")]
    [InlineData("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/kafkaclusters.kafka.actors.dev", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}")]
    [InlineData("/apis/kafka.actors.dev/v1alpha1/kafkaclusters", "/apis/kafka.actors.dev/v1alpha1/kafkaclusters")]
    [InlineData("/version", "/version")]
    public void Span_names_keep_the_route_but_not_namespaces_or_names(string path, string route) =>
        Assert.Equal(route, ApiRoute.Of(path));
}
