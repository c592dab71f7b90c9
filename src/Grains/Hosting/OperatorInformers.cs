using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Kubernetes;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Hosting;

/// <summary>
/// The operator's watches: KafkaClusters, and the pods, PVCs, ConfigMaps, Services and PodDisruptionBudgets it manages (label
/// <c>app.kubernetes.io/managed-by=actors-operator</c>). One list + watch per kind, shared by
/// everything in the process; watchers hang their handlers on them to wake the grains. Each cache
/// keeps only what its readers read (<see cref="CachedShapes"/>). Over a set of namespaces, one
/// list + watch per kind and namespace, each kind still one informer and one cache.
/// </summary>
public sealed class OperatorInformers : IAsyncDisposable
{
    public OperatorInformers(k8s.Kubernetes client, KafkaOperatorOptions options, ILoggerFactory loggers)
    {
        // Every kind but the KafkaClusters themselves: only what carries the operator's label.
        var managed = $"{KafkaLabels.ManagedBy}={KafkaLabels.ManagedByValue}";
        Informer<T> Watch<T>(string kind, Func<T, T> shape, string? labelSelector = null) where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
            new(client, new InformerOptions { Namespaces = options.Namespaces, LabelSelector = labelSelector, ResyncPeriod = null, Watch = Decoding },
                loggers.CreateLogger($"Actors.Informers.{kind}"), transform: shape);
        Clusters = Watch<KafkaCluster>("KafkaCluster", CachedShapes.Cluster);
        Pods = Watch<V1Pod>("Pod", CachedShapes.Pod, managed);
        Volumes = Watch<V1PersistentVolumeClaim>("PersistentVolumeClaim", CachedShapes.Claim, managed);
        ConfigMaps = Watch<V1ConfigMap>("ConfigMap", CachedShapes.ConfigMap, managed);
        Services = Watch<V1Service>("Service", CachedShapes.Service, managed);
        DisruptionBudgets = Watch<V1PodDisruptionBudget>("PodDisruptionBudget", CachedShapes.DisruptionBudget, managed);
    }

    /// <summary>No cached shape keeps managedFields: they are never decoded (much of what each watch event costs).</summary>
    private static readonly WatchOptions Decoding = new() { DropManagedFields = true };

    private int _disposed;

    public Informer<KafkaCluster> Clusters { get; }
    public Informer<V1Pod> Pods { get; }
    public Informer<V1PersistentVolumeClaim> Volumes { get; }

    /// <summary>The nodes' ConfigMaps (and the coordinator's state, which is not a node's).</summary>
    public Informer<V1ConfigMap> ConfigMaps { get; }

    /// <summary>The clusters' Services and PodDisruptionBudgets: a change by anyone else is seen, and repaired, at once.</summary>
    public Informer<V1Service> Services { get; }

    public Informer<V1PodDisruptionBudget> DisruptionBudgets { get; }

    public bool HasSynced => Clusters.HasSynced && Pods.HasSynced && Volumes.HasSynced && ConfigMaps.HasSynced && Services.HasSynced
        && DisruptionBudgets.HasSynced;

    public void Start()
    {
        Clusters.Start();
        Pods.Start();
        Volumes.Start();
        ConfigMaps.Start();
        Services.Start();
        DisruptionBudgets.Start();
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Clusters.WaitForSyncAsync(cancellationToken), Pods.WaitForSyncAsync(cancellationToken), Volumes.WaitForSyncAsync(cancellationToken),
            ConfigMaps.WaitForSyncAsync(cancellationToken), Services.WaitForSyncAsync(cancellationToken), DisruptionBudgets.WaitForSyncAsync(cancellationToken));

    /// <summary>Stops the watches; safe to call again (the host stops it, then its container disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await Clusters.DisposeAsync();
        await Pods.DisposeAsync();
        await Volumes.DisposeAsync();
        await ConfigMaps.DisposeAsync();
        await Services.DisposeAsync();
        await DisruptionBudgets.DisposeAsync();
    }
}
