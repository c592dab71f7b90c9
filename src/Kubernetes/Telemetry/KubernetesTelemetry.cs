using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Kubernetes;

/// <summary>Names of the client's spans and metrics (controller-runtime's rest_client_* family).</summary>
public static class KubernetesMetricNames
{
    public const string ActivitySourceName = "Actors.Kubernetes";
    public const string MeterName = "Actors";
    public const string RequestsTotal = "rest_client_requests_total";
    public const string RequestDuration = "rest_client_request_duration_seconds";
    public const string RateLimiterDuration = "rest_client_rate_limiter_duration_seconds";
    public const string MethodTag = "method";
    public const string CodeTag = "code";
    public const string UndecodableObjects = "kubernetes_undecodable_objects_total";
    public const string KindTag = "kind";
}

/// <summary>One span per request on <c>ActivitySource("Actors.Kubernetes")</c>, counters on <c>Meter("Actors")</c>.</summary>
internal static class KubernetesTelemetry
{
    public static readonly ActivitySource Source = new(KubernetesMetricNames.ActivitySourceName);
    private static readonly Meter Meter = new(KubernetesMetricNames.MeterName);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        KubernetesMetricNames.RequestsTotal, description: "Kubernetes API requests by HTTP method and status code.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        KubernetesMetricNames.RequestDuration, unit: "s", description: "Kubernetes API request latency until the response headers arrive.");

    public static readonly Histogram<double> RateLimiterWait = Meter.CreateHistogram<double>(
        KubernetesMetricNames.RateLimiterDuration, unit: "s", description: "Time requests waited for the client-side rate limiter.");

    public static readonly Counter<long> UndecodableObjects = Meter.CreateCounter<long>(
        KubernetesMetricNames.UndecodableObjects, description: "Objects the operator found but could not read (each version counted once), by kind.");

    public static void Record(string method, string code, TimeSpan elapsed)
    {
        var tags = new TagList { { KubernetesMetricNames.MethodTag, method }, { KubernetesMetricNames.CodeTag, code } };
        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, new TagList { { KubernetesMetricNames.MethodTag, method } });
    }
}
