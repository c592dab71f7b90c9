using System.Collections.Concurrent;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Events;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Unreadable;

/// <summary>
/// Reports a KafkaCluster the operator cannot read on that object: one Warning Event (reason
/// <see cref="UnreadableClusterReport.Reason"/>) and, where its status can carry one, Ready=False
/// saying why (a JSON merge patch of raw JSON on /status, since the object cannot be decoded).
/// The decision is <see cref="UnreadableClusterReport.Decide"/>; this is its thin adapter. It never
/// acts on the cluster itself: nothing is created, changed or deleted for an object it cannot read.
/// </summary>
public sealed class UnreadableClusterReporter(
    IKubernetes client,
    ClusterEventRecorder events,
    TimeProvider time,
    ILogger<UnreadableClusterReporter> logger)
{
    /// <summary>
    /// What was last announced per object (uid): a report whose condition cannot be written, or is
    /// refused, has nothing on the object to compare with next time, and must not repeat its Event.
    /// </summary>
    private readonly ConcurrentDictionary<string, (string Message, long? Generation)> _announced = new(StringComparer.Ordinal);

    /// <summary>A deleted object (uid): what was said about it is forgotten.</summary>
    public void Forget(string uid) => _announced.TryRemove(uid, out _);

    /// <summary>
    /// Reports an object read and found unreadable by its cluster grain (its one activation, so one
    /// Event however many replicas watch it; the watch wakes the grain, <see cref="IInformerHandler{T}.OnUndecodableAsync"/>).
    /// </summary>
    public async Task ReportAsync(UnreadableCluster cluster, CancellationToken cancellationToken = default)
    {
        if (cluster.Name.Length == 0 || cluster.Namespace.Length == 0) return;
        var report = UnreadableClusterReport.Decide(cluster, time.GetUtcNow());
        var identity = new ClusterIdentity(cluster.Namespace, cluster.Name);
        if (report.StatusPatch is { } patch && !await WriteConditionAsync(identity, patch, cancellationToken).ConfigureAwait(false))
            return;
        if (!report.Event) return;
        var uid = cluster.Uid ?? cluster.Key;
        if (_announced.TryGetValue(uid, out var said) && said == (report.Message, cluster.Generation)) return;
        _announced[uid] = (report.Message, cluster.Generation);
        logger.LogDebug("Reporting unreadable {Cluster} on the object: {Message}", cluster.Key, report.Message);
        await events.RecordAsync(identity, new ClusterOwner(cluster.Name, cluster.Uid ?? ""), ClusterEventRecorder.Warning,
            UnreadableClusterReport.Reason, report.Message, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>
    /// False when the object moved on meanwhile (409: its next version is judged when its watch event
    /// arrives) or went away; a refusal (403, 422) still leaves the Event to say it.
    /// </returns>
    private async Task<bool> WriteConditionAsync(ClusterIdentity cluster, string patch, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch),
                KafkaClusterResource.Group, KafkaClusterResource.Version, cluster.Namespace, KafkaClusterResource.Plural, cluster.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.IsConflict() || e.IsNotFound())
        {
            logger.LogDebug("Unreadable {Cluster} changed before its report landed ({Code}); its next version is judged on its own", cluster, e.StatusCodeOf());
            return false;
        }
        catch (HttpOperationException e)
        {
            logger.LogWarning("Could not write Ready=False ({Reason}) on {Cluster}: {Message}", UnreadableClusterReport.Reason, cluster, e.ApiMessage());
            return true;
        }
    }
}
