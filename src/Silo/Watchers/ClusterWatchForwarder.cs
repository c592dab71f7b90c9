using Actors.Contracts.Kafka;
using Actors.Grains.Hosting;
using Actors.Kubernetes;
using Microsoft.Extensions.Hosting;

namespace Actors.Silo.Watchers;

/// <summary>
/// Forwards watch events to the grains: a KafkaCluster event wakes its cluster grain; a pod or
/// PVC event wakes the grain of the cluster named by its instance label. Only the key travels:
/// the grain reads the state itself.
/// </summary>
public sealed class ClusterWatchForwarder(OperatorInformers informers, ReconcileTrigger trigger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        informers.Clusters.AddHandler(ForwardSelf, (_, current) => ForwardSelf(current), ForwardSelf);
        informers.Pods.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        informers.Volumes.AddHandler(ForwardOwner, (_, current) => ForwardOwner(current), ForwardOwner);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void ForwardSelf(IKubernetesObject cluster)
    {
        if (cluster.Metadata is { Namespace: { } ns, Name: { } name }) trigger.Trigger($"{ns}/{name}");
    }

    private void ForwardOwner(IKubernetesObject owned)
    {
        if (owned.Metadata is { Namespace: { } ns, Labels: { } labels } && labels.TryGetValue(KafkaLabels.Instance, out var cluster))
            trigger.Trigger($"{ns}/{cluster}");
    }
}
