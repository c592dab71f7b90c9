using System.Text.Json.Nodes;
using Actors.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// The nodes: registered at start, their Ready condition following the lost annotation.
public sealed partial class SimulatedKubelet
{
    async Task RegisterNodeAsync(string name, int index, CancellationToken cancellationToken)
    {
        var resource = client.Resource<GenericResource>(SimulatedNode.ResourceType);
        var existing = await resource.TryGetAsync(name, null, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await client.SendAsync(HttpMethod.Post, $"{SimulatedNode.ResourceType.CollectionPath(null)}?fieldManager={FieldManager}",
                    SimulatedNode.Manifest(name, index), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
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
        client.SendAsync(HttpMethod.Patch, $"{SimulatedNode.ResourceType.ObjectPath(name, null, "status")}?fieldManager={FieldManager}",
            SimulatedNode.Status(name, index, alive, time.GetUtcNow()), KubernetesPatch.MergeContentType, cancellationToken);
}
