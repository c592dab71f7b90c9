using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// The PV controller's part: bind pending claims to simulated volumes.
public sealed partial class SimulatedKubelet
{
    bool? servesPersistentVolumes;

    async Task ClaimStepAsync((string Namespace, string Name) id, CancellationToken cancellationToken)
    {
        if (!Options.BindVolumes || !Manages(id.Namespace)) return;
        var claim = claims.Get(id.Name, id.Namespace);
        if (claim is null || !SimulatedVolume.NeedsBinding(claim)) return;
        await CreatePersistentVolumeAsync(claim, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
            claim = await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(MergePatch.FromModel(SimulatedVolume.SpecPatch(claim)), id.Name, id.Namespace,
                fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        var bound = new V1PersistentVolumeClaim { Status = SimulatedVolume.BoundStatus(claim) };
        await client.CoreV1.PatchNamespacedPersistentVolumeClaimStatusAsync(MergePatch.FromModel(bound), id.Name, id.Namespace,
            fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Simulated kubelet: claim {Namespace}/{Claim} bound to volume {Volume}", id.Namespace, id.Name, claim.Spec?.VolumeName);
    }

    /// <summary>Creates the claim's PV where the server serves PVs (a real cluster); the emulator does not, and needs none.</summary>
    async Task CreatePersistentVolumeAsync(V1PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(claim.Spec?.VolumeName) || servesPersistentVolumes == false) return;
        try
        {
            await client.CoreV1.CreatePersistentVolumeAsync(SimulatedVolume.PersistentVolume(claim), fieldManager: FieldManager, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            servesPersistentVolumes = true;
        }
        catch (Exception e) when (e.IsAlreadyExists())
        {
        }
        catch (Exception e) when (e.IsNotFound())
        {
            servesPersistentVolumes = false;
        }
    }
}
