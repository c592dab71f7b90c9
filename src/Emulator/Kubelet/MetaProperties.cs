using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// Kafka's <c>meta.properties</c>, simulated on the volume marker: the first pod that runs on a
/// volume records its <c>cluster.id</c> there (<see cref="SimAnnotations.MetaClusterId"/>), and
/// a later pod configured with another cluster id is refused, as Kafka refuses to start on storage
/// formatted for another cluster: its container exits with the reason, over and over.
/// </summary>
public static class MetaProperties
{
    /// <summary>The environment variables a Kafka image reads its cluster id from.</summary>
    public static readonly string[] ClusterIdVariables = ["CLUSTER_ID", "KAFKA_CLUSTER_ID"];

    /// <summary>The cluster id the pod is configured with, or null when it names none.</summary>
    public static string? ClusterIdOf(V1Pod pod) =>
        (pod.Spec?.Containers ?? []).SelectMany(c => c.Env ?? [])
            .FirstOrDefault(e => ClusterIdVariables.Contains(e.Name) && !string.IsNullOrEmpty(e.Value))?.Value;

    /// <summary>The cluster id stored on the claim's volume, or null for a volume never used by Kafka.</summary>
    public static string? StoredClusterId(V1PersistentVolumeClaim claim) =>
        VolumeMarker.OnThisVolume(claim) && claim.GetAnnotation(SimAnnotations.MetaClusterId) is { Length: > 0 } id ? id : null;

    /// <summary>Why Kafka in <paramref name="pod"/> would refuse to start on these claims' volumes; null when it starts.</summary>
    public static string? Refusal(V1Pod pod, IEnumerable<V1PersistentVolumeClaim> claims)
    {
        if (ClusterIdOf(pod) is not { } configured) return null;
        foreach (var claim in claims)
            if (StoredClusterId(claim) is { } stored && stored != configured)
                return $"Invalid cluster.id in meta.properties on volume {claim.Spec?.VolumeName} (claim {claim.Metadata.Name}): " +
                       $"the volume belongs to cluster {stored}, but this node is configured with cluster {configured}";
        return null;
    }
}
