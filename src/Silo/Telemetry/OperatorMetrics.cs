using System.Diagnostics.Metrics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The operator's own instruments, on the Meter "Actors", named after controller-runtime's
/// where they map so existing dashboards and alerts read them. One instance per process
/// (<see cref="Shared"/>), never disposed: a second Meter with the same name and instruments
/// would be merged into the same metric streams by every MeterProvider, and disposing it
/// would end those streams for both.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly Meter meter = new(ActorsTelemetry.MeterName);

    public static OperatorMetrics Shared { get; } = new();

    private OperatorMetrics()
    {
        ReconcileTotal = meter.CreateCounter<long>("reconcile_total", description: "Reconciles per controller, by result (success, error, requeue).");
        ReconcileTime = meter.CreateHistogram<double>("reconcile_time_seconds", unit: "s", description: "How long a reconcile took, per controller.");
        WorkqueueDepth = meter.CreateGauge<long>("workqueue_depth", description: "Items waiting in a controller's work queue.");
        NodesReady = meter.CreateGauge<long>("kafka_nodes_ready", description: "Ready Kafka nodes per cluster and role.");
        RolloutProgress = meter.CreateGauge<double>("kafka_rollout_progress", description: "Fraction of nodes done in the cluster's in-flight operation (1 when at rest).");
        RestClientRequests = meter.CreateCounter<long>("rest_client_requests_total", description: "Kubernetes API requests by method and status code.");
    }

    /// <summary>Tags: controller, result.</summary>
    public Counter<long> ReconcileTotal { get; }

    /// <summary>Tags: controller.</summary>
    public Histogram<double> ReconcileTime { get; }

    /// <summary>Tags: name (the controller's queue).</summary>
    public Gauge<long> WorkqueueDepth { get; }

    /// <summary>Tags: cluster ("namespace/name"), role.</summary>
    public Gauge<long> NodesReady { get; }

    /// <summary>Tags: cluster ("namespace/name").</summary>
    public Gauge<double> RolloutProgress { get; }

    /// <summary>Tags: method, code.</summary>
    public Counter<long> RestClientRequests { get; }

    public void RecordReconcile(string controller, string result, TimeSpan took)
    {
        ReconcileTotal.Add(1, new("controller", controller), new("result", result));
        ReconcileTime.Record(took.TotalSeconds, new KeyValuePair<string, object?>("controller", controller));
    }
}
