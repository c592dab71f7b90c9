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
    public static WatchState Of<T>(Informer<T> informer, string? @namespace) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(informer.Type.Kind, @namespace, informer.HasSynced, informer.IsStale, informer.LastContact);

    /// <summary>The four watches of one operator (KafkaClusters and the pods, PVCs and ConfigMaps it manages).</summary>
    public static IReadOnlyList<WatchState> Of(OperatorInformers informers, string? @namespace) =>
    [
        Of(informers.Clusters, @namespace),
        Of(informers.Pods, @namespace),
        Of(informers.Volumes, @namespace),
        Of(informers.ConfigMaps, @namespace),
    ];

    /// <summary>"KafkaCluster" or "KafkaCluster in kafka".</summary>
    public string Scope => Namespace is null ? Kind : $"{Kind} in {Namespace}";
}

/// <summary>The running operator's watches; none while it starts or stops.</summary>
public interface IOperatorWatches
{
    IReadOnlyList<WatchState> Watches { get; }
}
