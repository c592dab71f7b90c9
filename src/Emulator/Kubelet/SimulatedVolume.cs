using Actors.Kubernetes;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// The PV controller's part, simulated: a pending claim is bound to a volume named
/// <c>pvc-&lt;claim uid&gt;</c> (as dynamic provisioning names it) with the capacity it asked for.
/// A claim deleted and created again under the same name has a new uid, so a new, empty volume.
/// </summary>
public static class SimulatedVolume
{
    public static string NameFor(PersistentVolumeClaim claim) => $"pvc-{claim.Metadata.Uid}";

    public static bool NeedsBinding(PersistentVolumeClaim claim) =>
        claim.Metadata.DeletionTimestamp is null && (claim.Status?.Phase != "Bound" || string.IsNullOrEmpty(claim.Spec?.VolumeName));

    public static bool IsBound(PersistentVolumeClaim? claim) =>
        claim is { Status.Phase: "Bound" } && !string.IsNullOrEmpty(claim.Spec?.VolumeName);

    /// <summary>The merge patch of the claim's spec and metadata: the volume it is bound to.</summary>
    public static PersistentVolumeClaim SpecPatch(PersistentVolumeClaim claim) => new()
    {
        ApiVersion = null, Kind = null,
        Metadata = new ObjectMeta
        {
            Annotations = new Dictionary<string, string>
            {
                ["pv.kubernetes.io/bind-completed"] = "yes",
                ["pv.kubernetes.io/bound-by-controller"] = "yes",
            },
        },
        Spec = new PersistentVolumeClaimSpec { VolumeName = claim.Spec?.VolumeName is { Length: > 0 } v ? v : NameFor(claim) },
    };

    /// <summary>The claim's status once bound: phase, access modes and the requested capacity.</summary>
    public static PersistentVolumeClaimStatus BoundStatus(PersistentVolumeClaim claim)
    {
        var status = KubernetesJson.Clone(claim.Status ?? new PersistentVolumeClaimStatus());
        status.Phase = "Bound";
        status.AccessModes = claim.Spec?.AccessModes ?? ["ReadWriteOnce"];
        var storage = claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage") ?? "1Gi";
        status.Capacity = new Dictionary<string, string> { ["storage"] = storage };
        return status;
    }

    /// <summary>The claims a pod mounts, in the order of its volumes.</summary>
    public static IReadOnlyList<string> ClaimsOf(Pod pod) =>
        [.. (pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Where(n => n.Length > 0)];
}
