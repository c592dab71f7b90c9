using Actors.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// The nodes: registered at start, their Ready condition following the lost annotation.
public sealed partial class SimulatedKubelet
{
    async Task RegisterNodeAsync(string name, int index, CancellationToken cancellationToken)
    {
        var existing = await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).OrNullWhenMissing().ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await client.CoreV1.CreateNodeAsync(SimulatedNode.Manifest(name, index), fieldManager: FieldManager, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e.IsAlreadyExists())
            {
            }
        }
        var alive = existing is null || !SimulatedNode.IsLost(existing);
        await PatchNodeStatusAsync(name, index, alive, cancellationToken).ConfigureAwait(false);
    }

    async Task NodeStepAsync(string name, CancellationToken cancellationToken)
    {
        var index = NodeIndex(name);
        var node = nodes.Get(name);
        if (index < 0 || node is null) return;
        var alive = !SimulatedNode.IsLost(node);
        if (SimulatedNode.ReadyStatus(node) == (alive ? "True" : "Unknown")) return;
        logger.LogInformation("Simulated kubelet: node {Node} is {State}", name, alive ? "back" : "lost");
        await PatchNodeStatusAsync(name, index, alive, cancellationToken).ConfigureAwait(false);
    }

    Task PatchNodeStatusAsync(string name, int index, bool alive, CancellationToken cancellationToken) =>
        client.CoreV1.PatchNodeStatusAsync(MergePatch.FromModel(SimulatedNode.Status(name, index, alive, time.GetUtcNow())), name,
            fieldManager: FieldManager, cancellationToken: cancellationToken);
}
