using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// Storage-object-in-use protection, as kube-apiserver's admission and kube-controller-manager's
/// pvc-protection controller do it: every claim gets the <c>kubernetes.io/pvc-protection</c>
/// finalizer on create, and a deleted claim stays Terminating while a scheduled, non-terminated pod of
/// its namespace mounts it; the finalizer goes (and with it the claim) once no such pod is left.
/// </summary>
public sealed partial class ObjectLifecycle
{
    public const string ClaimProtectionFinalizer = "kubernetes.io/pvc-protection";
    const string ClaimsKey = "/persistentvolumeclaims";
    const string PodsKey = "/pods";
    const string ClaimProtectionController = "system:serviceaccount:kube-system:pvc-protection-controller";

    static void ProtectClaim(ResourceType type, JsonObject claim)
    {
        if (type.StorageKey != ClaimsKey) return;
        var finalizers = claim.Finalizers();
        if (!finalizers.Contains(ClaimProtectionFinalizer)) claim.SetFinalizers([.. finalizers, ClaimProtectionFinalizer]);
    }

    /// <summary>Lets go of every deleting claim of <paramref name="ns"/> that no pod uses any more.</summary>
    void ReleaseUnusedClaims(string ns)
    {
        var claims = catalog.ByStorageKey(ClaimsKey)!;
        foreach (var claim in store.List(ClaimsKey, ns))
        {
            if (!claim.IsDeleting() || !claim.Finalizers().Contains(ClaimProtectionFinalizer) || InUse(ns, claim.Name())) continue;
            var next = claim.CloneObject();
            next.SetFinalizers(claim.Finalizers().Where(f => f != ClaimProtectionFinalizer));
            var stored = store.Put(ClaimsKey, next);
            Audit("update", claims, stored, null, ClaimProtectionController);
            FinishDeletionIfReady(claims, stored, ClaimProtectionController);
        }
    }

    /// <summary>As the controller judges it: an unscheduled pod never started, a Succeeded or Failed one has stopped.</summary>
    bool InUse(string ns, string claimName) =>
        store.List(PodsKey, ns).Any(pod =>
            pod.Text("spec", "nodeName") is { Length: > 0 } &&
            pod.Text("status", "phase") is not ("Succeeded" or "Failed") &&
            pod.At("spec", "volumes") is JsonArray volumes &&
            volumes.OfType<JsonObject>().Any(v => v.Text("persistentVolumeClaim", "claimName") == claimName));
}
