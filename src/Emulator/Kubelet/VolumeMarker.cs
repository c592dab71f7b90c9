using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// Simulated data on a volume: when a pod starts with a claim mounted it "reads" the marker the
/// previous pod left and "writes" its own. The marker is kept on the claim but names the bound
/// volume, so it proves that a replacement pod got the same volume, not merely the same claim name.
/// Writing is idempotent: a kubelet that retries after a crash finds its own mark and stops.
/// </summary>
public static class VolumeMarker
{
    /// <summary>"pod/uid", the writer identity a marker records.</summary>
    public static string WriterOf(V1Pod pod) => $"{pod.Metadata.Name}/{pod.Metadata.Uid}";

    /// <summary>Who wrote the volume the claim is bound to last, or "none".</summary>
    public static string LastWriter(V1PersistentVolumeClaim claim) => Read(claim, SimAnnotations.LastWriter);

    /// <summary>
    /// What <paramref name="pod"/> found on the volume: the writer before it. After its own write
    /// that is the claim's previous-writer; before, the last-writer.
    /// </summary>
    public static string FoundBy(V1PersistentVolumeClaim claim, V1Pod pod) =>
        LastWriter(claim) == WriterOf(pod) ? Read(claim, SimAnnotations.PreviousWriter) : LastWriter(claim);

    /// <summary>The annotations that record <paramref name="pod"/>'s write, or null when it is recorded already.</summary>
    public static Dictionary<string, string>? Write(V1PersistentVolumeClaim claim, V1Pod pod)
    {
        var me = WriterOf(pod);
        if (LastWriter(claim) == me) return null;
        var writes = OnThisVolume(claim) && int.TryParse(claim.GetAnnotation(SimAnnotations.Writes), out var n) ? n : 0;
        var marks = new Dictionary<string, string>
        {
            [SimAnnotations.MarkedVolume] = claim.Spec?.VolumeName ?? "",
            [SimAnnotations.PreviousWriter] = LastWriter(claim),
            [SimAnnotations.LastWriter] = me,
            [SimAnnotations.Writes] = (writes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // meta.properties is written once, when Kafka formats the volume; later pods only read it.
        if ((MetaProperties.StoredClusterId(claim) ?? MetaProperties.ClusterIdOf(pod)) is { } clusterId)
            marks[SimAnnotations.MetaClusterId] = clusterId;
        return marks;
    }

    internal static bool OnThisVolume(V1PersistentVolumeClaim claim) =>
        claim.GetAnnotation(SimAnnotations.MarkedVolume) is { } marked && marked == claim.Spec?.VolumeName;

    static string Read(V1PersistentVolumeClaim claim, string key) =>
        OnThisVolume(claim) && claim.GetAnnotation(key) is { Length: > 0 } value ? value : SimAnnotations.None;
}
