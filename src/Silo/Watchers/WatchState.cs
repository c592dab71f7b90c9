using Actors.Grains.Hosting;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Silo.Watchers;

/// <summary>
/// How one of the operator's watches stands, for /readyz: whether its cache has synced, when the
/// API server last answered it, and whether that was longer ago than the watch's idle timeout
/// (then the cache may be out of date and the operator acts on an old picture).
/// </summary>
public sealed record WatchState(string Kind, string? Namespace, bool HasSynced, bool IsStale, DateTimeOffset? LastContact)
{
    /// <summary>One state per namespace the informer lists and watches on its own (one, null, for all namespaces).</summary>
    public static IEnumerable<WatchState> Of<T>(Informer<T> informer) where T : class, IKubernetesObject<V1ObjectMeta> =>
        informer.Namespaces.Select(n => new WatchState(informer.Type.Kind, n.Namespace, n.HasSynced, n.IsStale, n.LastContact));

    /// <summary>The watches of the operator (KafkaClusters and the pods, PVCs, ConfigMaps, Services and PodDisruptionBudgets it manages), per namespace.</summary>
    public static IReadOnlyList<WatchState> Of(OperatorInformers informers) =>
        [.. Of(informers.Clusters), .. Of(informers.Pods), .. Of(informers.Volumes), .. Of(informers.ConfigMaps), .. Of(informers.Services),
            .. Of(informers.DisruptionBudgets)];

    /// <summary>"KafkaCluster" or "KafkaCluster in kafka".</summary>
    public string Scope => Namespace is null ? Kind : $"{Kind} in {Namespace}";
}

/// <summary>The running operator's watches; none while it starts or stops.</summary>
public interface IOperatorWatches
{
    IReadOnlyList<WatchState> Watches { get; }
}
