using System.Globalization;
using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Silo.Operations;

/// <summary>
/// How a KafkaCluster custom resource reads in the APIs: the spec says what was asked, the
/// status what the operator observed, the pause annotation whether it acts. Pure.
/// </summary>
public static class ClusterViews
{
    public static ClusterView From(KafkaCluster cluster)
    {
        var spec = cluster.Spec;
        var status = cluster.Status;
        var paused = KafkaAnnotations.IsPaused(ReadOnly(cluster.Metadata.Annotations));
        var conditions = (status?.Conditions ?? []).Select(c => new ClusterConditionView
        {
            Type = c.Type,
            Status = c.Status,
            Reason = c.Reason ?? "",
            Message = c.Message ?? "",
            LastTransitionTime = ParseTime(c.LastTransitionTime),
        }).ToList();
        return new ClusterView
        {
            Namespace = cluster.Metadata.NamespaceProperty ?? "",
            Name = cluster.Metadata.Name ?? "",
            Generation = cluster.Metadata.Generation ?? 0,
            ObservedGeneration = status?.ObservedGeneration ?? 0,
            Phase = PhaseOf(cluster, paused),
            Conditions = conditions,
            Nodes = (status?.Nodes ?? []).Select(n => new ClusterNodeView
            {
                Ordinal = n.Ordinal,
                Role = n.Role,
                Pod = n.Pod,
                Phase = n.Phase,
                Revision = n.Revision ?? "",
                Ready = n.Ready,
            }).ToList(),
            DesiredBrokers = spec?.Brokers?.Replicas ?? 0,
            DesiredControllers = spec?.Controllers?.Replicas ?? 0,
            ReadyBrokers = status?.ReadyBrokers ?? 0,
            ReadyControllers = status?.ReadyControllers ?? 0,
            Operation = OperationOf(status?.Operation),
            BootstrapServers = status?.BootstrapServers ?? "",
            Paused = paused,
        };
    }

    /// <summary>
    /// One word for the cluster: Deleting, Paused, Failed (invalid spec), the in-flight operation
    /// (Creating, Scaling, Rolling, Upgrading, ShuttingDown), Running when Ready, Degraded, else Pending.
    /// </summary>
    public static string PhaseOf(KafkaCluster cluster, bool paused)
    {
        if (cluster.Metadata.DeletionTimestamp is not null) return "Deleting";
        if (paused) return "Paused";
        var conditions = cluster.Status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == KafkaConditionTypes.Ready);
        if (ready is { Status: ConditionStatus.False, Reason: KafkaConditionReasons.InvalidSpec }) return "Failed";
        switch (cluster.Status?.Operation?.Type)
        {
            case "StartUp": return "Creating";
            case "ScaleOut" or "ScaleIn": return "Scaling";
            case "Roll": return "Rolling";
            case "RaiseMetadataVersion": return "Upgrading";
            case "ShutDown": return "ShuttingDown";
        }

        if (ready?.Status == ConditionStatus.True) return "Running";
        if (conditions.Any(c => c.Type == KafkaConditionTypes.Degraded && c.Status == ConditionStatus.True)) return "Degraded";
        return "Pending";
    }

    private static ClusterOperationView? OperationOf(OperationStatus? operation)
    {
        if (operation is null || operation.Type.Length == 0) return null;
        var (done, total) = ParseProgress(operation.Progress);
        return new ClusterOperationView { Kind = operation.Type, Done = done, Total = total, Message = operation.Message ?? "" };
    }

    /// <summary>"2/6" → (2, 6); anything else → (0, 0).</summary>
    public static (int Done, int Total) ParseProgress(string? progress)
    {
        var parts = (progress ?? "").Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var done)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? (done, total)
            : (0, 0);
    }

    private static IReadOnlyDictionary<string, string>? ReadOnly(IDictionary<string, string>? annotations) =>
        annotations as IReadOnlyDictionary<string, string> ?? (annotations is null ? null : new Dictionary<string, string>(annotations));

    private static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : default;
}
