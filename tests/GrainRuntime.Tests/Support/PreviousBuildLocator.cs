using Actors.Storage.GrainState;
using k8s;
using Orleans.Runtime;
using ClusterStateLocator = Actors.Grains.State.ClusterStateLocator;
using PreviousGrainId = Actors.Runtime.GrainId;

namespace Actors.GrainRuntime.Tests.Support;

/// <summary>
/// The previous build's <see cref="ClusterStateLocator"/> (ConfigMap <c>&lt;name&gt;-operator-state</c>,
/// owned by the KafkaCluster, the operator's labels) seen through the Orleans provider's interface.
/// Reusing it, rather than restating it, is what makes the upgrade tests prove that both builds
/// look in the same place. When src/Grains moves to Orleans the locator itself takes Orleans'
/// <see cref="GrainId"/> and this adapter goes.
/// </summary>
public sealed class PreviousBuildLocator(IKubernetes client) : IGrainStateLocator
{
    private readonly ClusterStateLocator previous = new(client);

    public async ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var found = await previous.LocateAsync(new PreviousGrainId(grainId.Type.ToString()!, grainId.Key.ToString()!), cancellationToken);
        return new GrainStateLocation(found.Namespace, found.Name, found.Labels, found.Owner);
    }
}
