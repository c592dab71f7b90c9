using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

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

    /// <returns>Whether the nodes may proceed: false while an object they need is refused (see <see cref="StepDependencies"/>).</returns>
    private async Task<bool> ApplySharedObjectsAsync(ClusterIdentity cluster, KafkaClusterSpec spec, ClusterPlan plan, ClusterOwner owner)
    {
        var proceed = await ApplyAsync(ClusterServices.Headless(cluster, spec, owner), StepRole.HeadlessService, cluster, owner);
        proceed &= await ApplyAsync(ClusterServices.Bootstrap(cluster, spec, owner), StepRole.BootstrapService, cluster, owner);
        proceed &= await ApplyAsync(ClusterDisruptionBudget.Render(cluster, plan.Desired.Rollout.MaxUnavailable, owner), StepRole.DisruptionBudget, cluster, owner);
        return proceed;
    }

    /// <returns>True when the object is in place, or the nodes can do without it while it is refused.</returns>
    private async Task<bool> ApplyAsync<T>(T intent, StepRole role, ClusterIdentity cluster, ClusterOwner owner) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceTypes.Of<T>();
        var key = $"{type.Plural}/{intent.Metadata.Name}";
        var target = new StepTarget(intent.Kind ?? type.Kind, intent.Metadata.NamespaceProperty ?? cluster.Namespace, intent.Metadata.Name ?? "", role);
        var text = KubernetesJson.Serialize(intent);
        if (_appliedIntents.TryGetValue(key, out var last) && last == text) return true;
        // A refused object waits out its back-off, unless what would be written has changed.
        if (!Ledger.IsDue(target, time.GetUtcNow(), text)) return StepDependencies.NodesMayProceedWithout(role);
        try
        {
            await ApplyAsync(intent);
        }
        catch (HttpOperationException e)
        {
            if (!await NoteRejectionAsync(cluster, owner, target, RefusedAnswer.Of(e), text)) throw;
            return StepDependencies.NodesMayProceedWithout(role);
        }

        _appliedIntents[key] = text;
        NoteAccepted(target);
        return true;
    }

    /// <summary>Server-side apply with the operator's field manager, forced: the operator owns these objects whole.</summary>
    private Task ApplyAsync<T>(T intent) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var patch = new V1Patch(intent, V1Patch.PatchType.ApplyPatch);
        var (name, ns) = (intent.Metadata.Name, intent.Metadata.NamespaceProperty);
        return intent switch
        {
            V1Service => client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: options.FieldManager, force: true),
            V1PodDisruptionBudget => client.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, name, ns, fieldManager: options.FieldManager, force: true),
            _ => throw new NotSupportedException($"{typeof(T).Name} is not a shared object of a cluster."),
        };
    }
}
