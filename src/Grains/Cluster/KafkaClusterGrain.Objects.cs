using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;

namespace Actors.Grains.Cluster;

/// <summary>
/// The shared objects of a cluster, written by server-side apply and only when their intent changed.
/// Node configuration is not among them: each node's <see cref="NodeConfigMap"/> is written by its
/// grain when the coordinator (re)creates the node, so a spec change never reaches a running pod.
/// </summary>
public sealed partial class KafkaClusterGrain
{
    /// <summary>What this activation last applied, per object; cleared at each resync so drift is repaired.</summary>
    private readonly Dictionary<string, string> _appliedIntents = new(StringComparer.Ordinal);

    private async Task ApplySharedObjectsAsync(ClusterIdentity cluster, KafkaClusterSpec spec, ClusterPlan plan, ClusterOwner owner)
    {
        await ApplyAsync(ClusterServices.Headless(cluster, spec, owner));
        await ApplyAsync(ClusterServices.Bootstrap(cluster, spec, owner));
        await ApplyAsync(ClusterDisruptionBudget.Render(cluster, plan.Desired.Rollout.MaxUnavailable, owner));
    }

    private async Task ApplyAsync<T>(T intent) where T : KubernetesObject, IKubernetesResource
    {
        var key = $"{T.ResourceType.Plural}/{intent.Metadata.Name}";
        var text = KubernetesJson.Serialize(intent);
        if (_appliedIntents.TryGetValue(key, out var last) && last == text) return;
        await client.Resource<T>().ApplyAsync(intent, options.FieldManager, force: true);
        _appliedIntents[key] = text;
    }
}
