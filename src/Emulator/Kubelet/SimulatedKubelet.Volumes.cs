using Actors.Kubernetes;
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
            claim = await client.PatchAsync<PersistentVolumeClaim>(id.Name, id.Namespace, KubernetesPatch.Merge(SimulatedVolume.SpecPatch(claim)),
                new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
        var bound = new PersistentVolumeClaim { Status = SimulatedVolume.BoundStatus(claim) };
        await client.PatchStatusAsync<PersistentVolumeClaim>(id.Name, id.Namespace, KubernetesPatch.Merge(bound),
            new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Simulated kubelet: claim {Namespace}/{Claim} bound to volume {Volume}", id.Namespace, id.Name, claim.Spec?.VolumeName);
    }

    /// <summary>Creates the claim's PV where the server serves PVs (a real cluster); the emulator does not, and needs none.</summary>
    async Task CreatePersistentVolumeAsync(PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(claim.Spec?.VolumeName) || servesPersistentVolumes == false) return;
        try
        {
            await client.SendAsync(HttpMethod.Post, $"{SimulatedVolume.PersistentVolumeType.CollectionPath(null)}?fieldManager={FieldManager}",
                SimulatedVolume.PersistentVolume(claim), cancellationToken: cancellationToken).ConfigureAwait(false);
            servesPersistentVolumes = true;
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
        }
        catch (KubernetesNotFoundException)
        {
            servesPersistentVolumes = false;
        }
    }
}
