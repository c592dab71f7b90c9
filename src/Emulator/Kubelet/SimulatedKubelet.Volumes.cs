using Actors.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// The PV controller's part: bind pending claims to simulated volumes.
public sealed partial class SimulatedKubelet
{
    async Task ClaimStepAsync((string Namespace, string Name) id, CancellationToken cancellationToken)
    {
        if (!Options.BindVolumes || !Manages(id.Namespace)) return;
        var claim = claims.Get(id.Name, id.Namespace);
        if (claim is null || !SimulatedVolume.NeedsBinding(claim)) return;
        if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
            claim = await client.PatchAsync<PersistentVolumeClaim>(id.Name, id.Namespace, KubernetesPatch.Merge(SimulatedVolume.SpecPatch(claim)),
                new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
        var bound = new PersistentVolumeClaim { Status = SimulatedVolume.BoundStatus(claim) };
        await client.PatchStatusAsync<PersistentVolumeClaim>(id.Name, id.Namespace, KubernetesPatch.Merge(bound),
            new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Simulated kubelet: claim {Namespace}/{Claim} bound to volume {Volume}", id.Namespace, id.Name, claim.Spec?.VolumeName);
    }
}
