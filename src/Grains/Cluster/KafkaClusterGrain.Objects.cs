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
    /// <summary>
    /// What this activation last applied, per object, and the resourceVersion the API gave it. While
    /// the informers watch these objects, one that is no longer at that version (edited or deleted by
    /// someone else; its event woke this grain) is applied again at once, and one that is needs no
    /// request at all. Without the watches, the record is cleared at each resync instead.
    /// </summary>
    private readonly Dictionary<string, AppliedIntent> _appliedIntents = new(StringComparer.Ordinal);

    private sealed record AppliedIntent(string Text, string? ResourceVersion);

    /// <summary>Whether the shared objects' watches have synced, so that their cache tells drift (<see cref="IsAsApplied{T}"/>).</summary>
    private bool SharedObjectsWatched => informers.Services.HasSynced && informers.DisruptionBudgets.HasSynced;

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
        if (_appliedIntents.TryGetValue(key, out var last) && last.Text == text && IsAsApplied(intent, last.ResourceVersion)) return true;
        // A refused object waits out its back-off, unless what would be written has changed.
        if (!Ledger.IsDue(target, time.GetUtcNow(), text)) return StepDependencies.NodesMayProceedWithout(role);
        string? version;
        try
        {
            version = await ApplyAsync(intent);
        }
        catch (HttpOperationException e)
        {
            if (!await NoteRejectionAsync(cluster, owner, target, RefusedAnswer.Of(e), text)) throw;
            return StepDependencies.NodesMayProceedWithout(role);
        }

        _appliedIntents[key] = new AppliedIntent(text, version);
        NoteAccepted(target);
        return true;
    }

    /// <summary>
    /// True when the watched cache shows the object at the version this activation's apply produced
    /// (a cache one event behind only costs a repeated, no-op apply); always true while the objects are
    /// not watched, when the resync alone repairs drift.
    /// </summary>
    private bool IsAsApplied<T>(T intent, string? appliedVersion) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!SharedObjectsWatched) return true;
        var (name, ns) = (intent.Metadata.Name, intent.Metadata.NamespaceProperty);
        IKubernetesObject<V1ObjectMeta>? cached = intent switch
        {
            V1Service => informers.Services.Get(name, ns),
            V1PodDisruptionBudget => informers.DisruptionBudgets.Get(name, ns),
            _ => null,
        };
        return cached?.Metadata.ResourceVersion is { } version && version == appliedVersion;
    }

    /// <summary>Server-side apply with the operator's field manager, forced: the operator owns these objects whole.</summary>
    /// <returns>The object's resourceVersion after the apply.</returns>
    private async Task<string?> ApplyAsync<T>(T intent) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var patch = new V1Patch(intent, V1Patch.PatchType.ApplyPatch);
        var (name, ns) = (intent.Metadata.Name, intent.Metadata.NamespaceProperty);
        IKubernetesObject<V1ObjectMeta> applied = intent switch
        {
            V1Service => await client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: options.FieldManager, force: true),
            V1PodDisruptionBudget => await client.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, name, ns, fieldManager: options.FieldManager, force: true),
            _ => throw new NotSupportedException($"{typeof(T).Name} is not a shared object of a cluster."),
        };
        return applied.Metadata?.ResourceVersion;
    }
}
