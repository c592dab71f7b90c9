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

    public static ResourceType PersistentVolumeType { get; } = new("", "v1", "PersistentVolume", "persistentvolumes", Namespaced: false);

    /// <summary>
    /// The PersistentVolume behind the claim, pre-bound to it by claimRef, for API servers that serve
    /// PVs: a real PV controller then sees a consistent pair and keeps the claim Bound.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject PersistentVolume(PersistentVolumeClaim claim)
    {
        var name = NameFor(claim);
        var storage = claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage") ?? "1Gi";
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["capacity"] = new System.Text.Json.Nodes.JsonObject { ["storage"] = storage },
            ["accessModes"] = new System.Text.Json.Nodes.JsonArray([.. (claim.Spec?.AccessModes ?? ["ReadWriteOnce"]).Select(m => (System.Text.Json.Nodes.JsonNode?)m)]),
            ["persistentVolumeReclaimPolicy"] = "Delete",
            ["hostPath"] = new System.Text.Json.Nodes.JsonObject { ["path"] = $"/var/lib/sim-volumes/{name}" },
            ["claimRef"] = new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "PersistentVolumeClaim",
                ["namespace"] = claim.Metadata.Namespace, ["name"] = claim.Metadata.Name, ["uid"] = claim.Metadata.Uid,
            },
        };
        if (claim.Spec?.StorageClassName is { } storageClass) spec["storageClassName"] = storageClass;
        return new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "PersistentVolume",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = name,
                ["labels"] = new System.Text.Json.Nodes.JsonObject { [SimAnnotations.SimulatedLabel] = "true" },
            },
            ["spec"] = spec,
        };
    }

    /// <summary>The claims a pod mounts, in the order of its volumes.</summary>
    public static IReadOnlyList<string> ClaimsOf(Pod pod) =>
        [.. (pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Where(n => n.Length > 0)];
}
