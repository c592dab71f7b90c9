using System.Text.Json;
using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;
using Actors.Grains.Rejections;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Status;
using Actors.Grains.Telemetry;
using Actors.Kubernetes;
using k8s.Autorest;

namespace Actors.Grains.Cluster;

/// <summary>The cluster grain as the single writer of the CR's status.</summary>
public sealed partial class KafkaClusterGrain
{
    private KafkaClusterStatus BuildStatus(KafkaCluster resource, ClusterIdentity cluster, KafkaClusterSpec spec, ClusterPlan plan, CoordinatorReport report)
    {
        var generation = resource.Metadata.Generation ?? 0;
        var now = time.GetUtcNow();
        var previous = resource.Status;
        var built = ClusterStatusBuilder.Build(previous, generation, cluster, plan.Desired, report.Observed, report.Decision, now);
        return built with
        {
            Conditions = RejectionConditions.Apply(BlockedConditions.Apply(built.Conditions, generation, report.Decision.Step, now),
                generation, Ledger.Current, now),
            BootstrapServers = ClusterPlan.BootstrapServers(cluster, spec, options.ClusterDomain),
            Applied = AppliedRecord.Stamp(Applied(AppliedRecord.Of(resource), spec, report), resource),
        };
    }

    /// <summary>
    /// What the running cluster is judged by next time: the accepted spec's controller count and
    /// storage at once (volumes may already exist at that size), the version only once every node
    /// runs it, the metadata version only when finalized.
    /// </summary>
    private static AppliedSpec Applied(AppliedSpec? previous, KafkaClusterSpec spec, CoordinatorReport report)
    {
        var accepted = ClusterPlan.Applied(spec, report.RaisedMetadataVersion
            ?? previous?.MetadataVersion
            ?? KafkaVersions.MetadataVersionOf(spec.Version!));
        var settled = report.Decision.Step is Done;
        return accepted with { Version = settled || previous?.Version is null ? spec.Version : previous.Version };
    }

    /// <summary>Writes the status when it differs from what the CR carries; true when it wrote.</summary>
    private async Task<bool> WriteStatusAsync(KafkaCluster resource, KafkaClusterStatus status)
    {
        _status = status;
        ClusterMetrics.Observe(Cluster.Key, status);
        if (JsonSerializer.Serialize(status) == JsonSerializer.Serialize(resource.Status)) return false;
        // A refused status write waits out its back-off; the status it would have carried is rebuilt next time.
        var target = OwnWrite(StepRole.Status);
        if (!Ledger.IsDue(target, time.GetUtcNow())) return false;
        var previous = resource.Status;
        resource.Status = status;
        try
        {
            var written = await ReplaceStatusAsync(resource);
            _status = written.Status;
            NoteAccepted(target);
            return true;
        }
        catch (HttpOperationException e) when (e.IsConflict())
        {
            // The CR moved on (a spec edit, a finalizer): the next pass writes status from the new one.
            RequeueSoon();
            return false;
        }
        catch (HttpOperationException e)
        {
            resource.Status = previous;
            if (!await NoteRejectionAsync(Cluster, new ClusterOwner(Cluster.Name, resource.Metadata.Uid ?? ""), target, RefusedAnswer.Of(e))) throw;
            return false;
        }
    }
}
