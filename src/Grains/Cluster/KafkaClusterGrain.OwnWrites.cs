using Actors.Contracts.Kafka;
using Actors.Grains.Events;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Cluster;

/// <summary>
/// Writes to the KafkaCluster itself — its finalizer and its KRaft cluster id — that every other
/// step waits for. A refusal goes through the same ledger as any rejected step (one log line, one
/// Warning Event, capped back-off); until the write is accepted nothing else is created.
/// </summary>
public sealed partial class KafkaClusterGrain
{
    private StepTarget OwnWrite(StepRole role) => StepTarget.OwnWrite(Cluster.Namespace, Cluster.Name, role);

    /// <returns>The KafkaCluster with the finalizer in place; null while adding it is refused (or waits out its back-off).</returns>
    private async Task<KafkaCluster?> EnsureFinalizerAsync(KafkaCluster resource, ClusterOwner owner)
    {
        var target = OwnWrite(StepRole.Finalizer);
        if ((resource.Metadata.Finalizers ?? []).Contains(KafkaClusterResource.Finalizer))
        {
            Ledger.Clear(target); // in place (added by hand, say): a refusal before no longer matters
            return resource;
        }
        if (!Ledger.IsDue(target, time.GetUtcNow())) return null;
        var finalizers = resource.Metadata.Finalizers;
        resource.Metadata.Finalizers = [.. finalizers ?? [], KafkaClusterResource.Finalizer];
        try
        {
            resource = await ReplaceAsync(resource);
        }
        catch (HttpOperationException e)
        {
            resource.Metadata.Finalizers = finalizers;
            if (!await NoteRejectionAsync(Cluster, owner, target, RefusedAnswer.Of(e))) throw;
            return null;
        }

        NoteAccepted(target);
        return resource;
    }

    /// <summary>Every node stopped in order: lets the KafkaCluster go. True when released; false while that is refused (or waits out its back-off).</summary>
    private async Task<bool> ReleaseFinalizerAsync(KafkaCluster resource, ClusterOwner owner)
    {
        var target = OwnWrite(StepRole.Finalizer);
        if (!Ledger.IsDue(target, time.GetUtcNow())) return false;
        var finalizers = resource.Metadata.Finalizers;
        resource.Metadata.Finalizers = [.. (finalizers ?? []).Where(f => f != KafkaClusterResource.Finalizer)];
        try
        {
            await ReplaceAsync(resource);
        }
        catch (HttpOperationException e)
        {
            resource.Metadata.Finalizers = finalizers;
            if (!await NoteRejectionAsync(Cluster, owner, target, RefusedAnswer.Of(e))) throw;
            return false;
        }

        NoteAccepted(target);
        await events.RecordAsync(Cluster, owner, ClusterEventRecorder.Normal, "ShutDownComplete", $"{Cluster}: every node stopped in order; finalizer released");
        logger.LogInformation("{Cluster} shut down; finalizer released", Cluster);
        return true;
    }

    /// <summary>
    /// The KRaft cluster id — the retained claims' when they agree on one, else a new one — written
    /// to status before any pod is rendered with it; never changed afterwards.
    /// </summary>
    /// <returns>The KafkaCluster with its id; null while writing it is refused (or waits out its back-off).</returns>
    private async Task<KafkaCluster?> EnsureClusterIdAsync(KafkaCluster resource, ClusterOwner owner, ClusterIdChoice choice)
    {
        var target = OwnWrite(StepRole.ClusterId);
        if (choice is KeepClusterId)
        {
            Ledger.Clear(target);
            return resource;
        }
        if (!Ledger.IsDue(target, time.GetUtcNow())) return null;
        var id = choice is AdoptClusterId adopt ? adopt.Id : KafkaClusterId.New();
        var previous = resource.Status;
        resource.Status = (previous ?? new KafkaClusterStatus()) with { ClusterId = id };
        try
        {
            resource = await ReplaceStatusAsync(resource);
        }
        catch (HttpOperationException e)
        {
            resource.Status = previous;
            if (!await NoteRejectionAsync(Cluster, owner, target, RefusedAnswer.Of(e))) throw;
            return null;
        }

        NoteAccepted(target);
        _status = resource.Status;
        if (choice is AdoptClusterId adopted)
            logger.LogInformation("{Cluster} adopted KRaft cluster id {ClusterId} from its retained claims {Claims}", Cluster, id, string.Join(", ", adopted.Claims));
        else
            logger.LogInformation("{Cluster} got KRaft cluster id {ClusterId}", Cluster, id);
        return resource;
    }
}
