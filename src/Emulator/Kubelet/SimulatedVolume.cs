using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// The PV controller's part, simulated: a pending claim is bound to a volume named
/// <c>pvc-&lt;claim uid&gt;</c> (as dynamic provisioning names it) with the capacity it asked for.
/// A claim deleted and created again under the same name has a new uid, so a new, empty volume.
/// </summary>
public static class SimulatedVolume
{
    public static string NameFor(V1PersistentVolumeClaim claim) => $"pvc-{claim.Metadata.Uid}";

    public static bool NeedsBinding(V1PersistentVolumeClaim claim) =>
        claim.Metadata.DeletionTimestamp is null && (claim.Status?.Phase != "Bound" || string.IsNullOrEmpty(claim.Spec?.VolumeName));

    public static bool IsBound(V1PersistentVolumeClaim? claim) =>
        claim is { Status.Phase: "Bound" } && !string.IsNullOrEmpty(claim.Spec?.VolumeName);

    /// <summary>The merge patch of the claim's spec and metadata: the volume it is bound to.</summary>
    public static V1PersistentVolumeClaim SpecPatch(V1PersistentVolumeClaim claim) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Annotations = new Dictionary<string, string>
            {
                ["pv.kubernetes.io/bind-completed"] = "yes",
                ["pv.kubernetes.io/bound-by-controller"] = "yes",
            },
        },
        Spec = new V1PersistentVolumeClaimSpec { VolumeName = claim.Spec?.VolumeName is { Length: > 0 } v ? v : NameFor(claim) },
    };

    /// <summary>The claim's status once bound: phase, access modes and the requested capacity.</summary>
    public static V1PersistentVolumeClaimStatus BoundStatus(V1PersistentVolumeClaim claim)
    {
        var status = ModelCopy.Of(claim.Status ?? new V1PersistentVolumeClaimStatus());
        status.Phase = "Bound";
        status.AccessModes = claim.Spec?.AccessModes ?? ["ReadWriteOnce"];
        status.Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = RequestedStorage(claim) };
        return status;
    }

    /// <summary>
    /// The PersistentVolume behind the claim, pre-bound to it by claimRef, for API servers that serve
    /// PVs: a real PV controller then sees a consistent pair and keeps the claim Bound.
    /// </summary>
    public static V1PersistentVolume PersistentVolume(V1PersistentVolumeClaim claim)
    {
        var name = NameFor(claim);
        return new V1PersistentVolume
        {
            ApiVersion = V1PersistentVolume.KubeApiVersion,
            Kind = V1PersistentVolume.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [SimAnnotations.SimulatedLabel] = "true" },
            },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = RequestedStorage(claim) },
                AccessModes = claim.Spec?.AccessModes ?? ["ReadWriteOnce"],
                PersistentVolumeReclaimPolicy = "Delete",
                HostPath = new V1HostPathVolumeSource { Path = $"/var/lib/sim-volumes/{name}" },
                ClaimRef = new V1ObjectReference
                {
                    ApiVersion = "v1", Kind = "PersistentVolumeClaim",
                    NamespaceProperty = claim.Metadata.NamespaceProperty, Name = claim.Metadata.Name, Uid = claim.Metadata.Uid,
                },
                StorageClassName = claim.Spec?.StorageClassName,
            },
        };
    }

    /// <summary>The claims a pod mounts, in the order of its volumes.</summary>
    public static IReadOnlyList<string> ClaimsOf(V1Pod pod) =>
        [.. (pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Where(n => n.Length > 0)];

    static ResourceQuantity RequestedStorage(V1PersistentVolumeClaim claim) =>
        claim.Spec?.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var storage) && storage is not null
            ? storage
            : new ResourceQuantity("1Gi");
}
