using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Kubernetes;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>What the multi-process scenarios read from pods and clusters to judge a roll.</summary>
internal static class RollChecks
{
    public static string? Revision(V1Pod pod) => pod.GetAnnotation(KafkaAnnotations.Revision);

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Ready, its generation observed, no operation in flight.</summary>
    public static bool IsReadyAtRest(KafkaCluster cluster) =>
        cluster.Status?.Conditions?.Any(c => c.Type == KafkaConditionTypes.Ready && c.Status == ConditionStatus.True) == true
        && cluster.Status.ObservedGeneration == cluster.Metadata.Generation && cluster.Status.Operation is null;
}
