using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Hosting;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace Actors.Silo.Watchers;

/// <summary>
/// Forwards watch events to the grains: a KafkaCluster event wakes its cluster grain; a pod, PVC,
/// Service or PodDisruptionBudget event wakes the grain of the cluster named by its instance label. Only the key travels:
/// the grain reads the state itself. A KafkaCluster that exists but cannot be read is not in the
/// cache, so no event of it would reach its grain: it is woken all the same, reads the object, and has
/// <see cref="UnreadableClusterReporter"/> say so on it (a Warning Event and Ready=False) without acting
/// on it. Through its one grain, not by each replica: where the object cannot carry the condition (its
/// status refuses it), nothing on it tells one replica that another reported it, and every replica
/// watching would write its own Event.
/// </summary>
public sealed class ClusterWatchForwarder(
    OperatorInformers informers,
    ReconcileTrigger trigger,
    UnreadableClusterReporter unreadable) : IHostedService, IInformerHandler<KafkaCluster>
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        informers.Clusters.AddHandler(this);
        informers.Pods.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        informers.Volumes.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        // A Service or PDB changed or deleted by anyone: its cluster applies it again (and finds its own writes as applied).
        informers.Services.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        informers.DisruptionBudgets.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);

        // The informers synced before this handler joined: a handler added late is told of every
        // cached object, but not of the objects its first list had to skip. Wake their grains now (a
        // grain reports nothing twice for the same object, so one also told through the handler
        // meanwhile is reported once).
        foreach (var item in informers.Clusters.Undecodable) ForwardUnreadable(item);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask OnAddAsync(KafkaCluster item, CancellationToken cancellationToken) => ForwardSelf(item);

    public ValueTask OnUpdateAsync(KafkaCluster old, KafkaCluster current, CancellationToken cancellationToken) => ForwardSelf(current);

    public ValueTask OnDeleteAsync(KafkaCluster item, CancellationToken cancellationToken) => ForwardSelf(item);

    public ValueTask OnUndecodableAsync(UndecodableObject item, CancellationToken cancellationToken)
    {
        ForwardUnreadable(item);
        return ValueTask.CompletedTask;
    }

    /// <summary>A deleted one is forgotten here too, wherever its grain reported it; its grain, woken, finds it gone.</summary>
    private void ForwardUnreadable(UndecodableObject item)
    {
        if (item.Deleted && item.Uid is { } uid) unreadable.Forget(uid);
        if (!string.IsNullOrEmpty(item.Namespace) && !string.IsNullOrEmpty(item.Name)) trigger.Trigger($"{item.Namespace}/{item.Name}");
    }

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
