using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Hosting;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Watchers;

/// <summary>
/// Forwards watch events to the grains: a KafkaCluster event wakes its cluster grain; a pod or
/// PVC event wakes the grain of the cluster named by its instance label. Only the key travels:
/// the grain reads the state itself. A KafkaCluster that exists but cannot be read is not in the
/// cache, so no grain would ever look at it: it goes to <see cref="UnreadableClusterReporter"/>
/// instead, which says so on the object (a Warning Event and Ready=False) without acting on it.
/// </summary>
public sealed class ClusterWatchForwarder(
    OperatorInformers informers,
    ReconcileTrigger trigger,
    UnreadableClusterReporter unreadable,
    ILogger<ClusterWatchForwarder> logger) : IHostedService, IInformerHandler<KafkaCluster>
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        informers.Clusters.AddHandler(this);
        informers.Pods.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        informers.Volumes.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);

        // The informers synced before this handler joined: a handler added late is told of every
        // cached object, but not of the objects its first list had to skip. Report those now (the
        // reporter says nothing twice for the same object, so one also told through the handler
        // meanwhile is reported once).
        foreach (var item in informers.Clusters.Undecodable)
        {
            try
            {
                await unreadable.ReportAsync(item, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not report the unreadable {Kind} {Key}; it is reported again when it changes", item.Type.Kind, item.Key);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask OnAddAsync(KafkaCluster item, CancellationToken cancellationToken) => ForwardSelf(item);

    public ValueTask OnUpdateAsync(KafkaCluster old, KafkaCluster current, CancellationToken cancellationToken) => ForwardSelf(current);

    public ValueTask OnDeleteAsync(KafkaCluster item, CancellationToken cancellationToken) => ForwardSelf(item);

    public async ValueTask OnUndecodableAsync(UndecodableObject item, CancellationToken cancellationToken) =>
        await unreadable.ReportAsync(item, cancellationToken);

    private ValueTask ForwardSelf(KafkaCluster cluster)
    {
        if (cluster.Metadata is { NamespaceProperty: { } ns, Name: { } name }) trigger.Trigger($"{ns}/{name}");
        return ValueTask.CompletedTask;
    }

    private void ForwardOwner(IKubernetesObject<V1ObjectMeta> owned)
    {
        if (owned.Metadata is { NamespaceProperty: { } ns, Labels: { } labels } && labels.TryGetValue(KafkaLabels.Instance, out var cluster))
            trigger.Trigger($"{ns}/{cluster}");
    }
}
