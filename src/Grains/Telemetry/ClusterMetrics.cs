using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Contracts.Kafka;

namespace Actors.Grains.Telemetry;

/// <summary>
/// Per-cluster Kafka gauges on Meter "Actors": <c>kafka_nodes_ready{cluster,role}</c>,
/// <c>kafka_nodes_desired{cluster,role}</c> and <c>kafka_rollout_progress{cluster}</c> (the fraction
/// of nodes done in the in-flight operation, 1 at rest). Observable gauges over the last status each
/// cluster grain computed, so a deleted cluster's series disappear with <see cref="Forget"/> instead of
/// lingering at their last value.
/// </summary>
public static class ClusterMetrics
{
    public const string NodesReady = "kafka_nodes_ready";
    public const string NodesDesired = "kafka_nodes_desired";
    public const string RolloutProgress = "kafka_rollout_progress";

    private sealed record Snapshot(int ReadyBrokers, int ReadyControllers, int Brokers, int Controllers, double Progress);

    private static readonly ConcurrentDictionary<string, Snapshot> Clusters = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new(ReconcileTelemetry.MeterName);

    static ClusterMetrics()
    {
        Meter.CreateObservableGauge(NodesReady, () => PerRole(s => s.ReadyBrokers, s => s.ReadyControllers),
            description: "Ready Kafka nodes per cluster and role.");
        Meter.CreateObservableGauge(NodesDesired, () => PerRole(s => s.Brokers, s => s.Controllers),
            description: "Kafka nodes the spec asks for, per cluster and role.");
        Meter.CreateObservableGauge(RolloutProgress,
            () => Clusters.Select(c => new Measurement<double>(c.Value.Progress, new KeyValuePair<string, object?>("cluster", c.Key))),
            description: "Fraction of nodes done in the cluster's in-flight operation (1 when at rest).");
    }

    /// <summary>Records what a cluster's latest status says; <paramref name="cluster"/> is "namespace/name".</summary>
    public static void Observe(string cluster, KafkaClusterStatus status) =>
        Clusters[cluster] = new Snapshot(status.ReadyBrokers ?? 0, status.ReadyControllers ?? 0,
            status.Brokers ?? 0, status.Controllers ?? 0, Progress(status.Operation));

    /// <summary>The cluster is gone: its series stop being reported.</summary>
    public static void Forget(string cluster) => Clusters.TryRemove(cluster, out _);

    /// <summary>"done/total" from the status; at rest (no operation) the rollout is complete.</summary>
    public static double Progress(OperationStatus? operation)
    {
        if (operation?.Progress is not { } progress) return 1;
        var slash = progress.IndexOf('/');
        return slash > 0
               && int.TryParse(progress.AsSpan(0, slash), out var done)
               && int.TryParse(progress.AsSpan(slash + 1), out var total)
               && total > 0
            ? Math.Clamp((double)done / total, 0, 1)
            : 0;
    }

    private static IEnumerable<Measurement<int>> PerRole(Func<Snapshot, int> brokers, Func<Snapshot, int> controllers)
    {
        foreach (var (cluster, snapshot) in Clusters)
        {
            yield return new Measurement<int>(brokers(snapshot), new("cluster", cluster), new("role", "broker"));
            yield return new Measurement<int>(controllers(snapshot), new("cluster", cluster), new("role", "controller"));
        }
    }
}
