using Actors.Grains.Events;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Cluster;

/// <summary>
/// Writes the API refuses: each new refusal is logged once and becomes one Warning Event; the
/// step then waits out its back-off (<see cref="RejectionLedger"/>) while the steps that do not
/// depend on it go on, and the status says what is refused and what that means.
/// </summary>
public sealed partial class KafkaClusterGrain
{
    private RejectionLedger? _ledger;
    private string? _lastFailure;

    private RejectionLedger Ledger => _ledger ??= new RejectionLedger(options.RejectedStepBackoff);

    /// <summary>Records a refused write; false when the answer is not a rejection (throttling, a server error) and should be retried as usual.</summary>
    private async Task<bool> NoteRejectionAsync(ClusterIdentity cluster, ClusterOwner owner, StepTarget target, RefusedWrite answer, string? attempted = null)
    {
        var conflicts = answer.IsConflict ? Ledger.NoteConflict(target) : 0;
        if (RefusedAnswer.Classify(target, answer, conflicts) is not { } rejection) return false;

        var now = time.GetUtcNow();
        if (!Ledger.Record(rejection, now, attempted))
        {
            logger.LogDebug("{Target} refused again ({Code}); next try at {RetryAt}", target, answer.Code, Ledger.NextRetryAt);
            return true;
        }

        var message = RejectionConditions.Message([rejection]);
        logger.LogWarning("{Cluster}: {Message}", cluster, message);
        await events.RecordAsync(cluster, owner, ClusterEventRecorder.Warning, rejection.Reason, $"{cluster}: {message}");
        return true;
    }

    private void NoteAccepted(StepTarget target)
    {
        if (Ledger.Clear(target)) logger.LogInformation("{Cluster}: {Target} was accepted by the API server again", Cluster, target);
    }

    private void NoteNodeStepsAccepted()
    {
        foreach (var target in Ledger.ClearNodeSteps())
            logger.LogInformation("{Cluster}: {Target} was accepted by the API server again", Cluster, target);
    }

    private string? _lastUnreadable;

    /// <summary>One line per distinct reason a CR cannot be read (the resync reads it again and again).</summary>
    private void LogUnreadable(UnreadableCluster cluster)
    {
        var message = UnreadableClusterReport.Message(cluster);
        if (message == _lastUnreadable) return;
        _lastUnreadable = message;
        logger.LogWarning("{Message}", message);
    }

    /// <summary>One line per distinct failure: the same one again (every retry) is only a debug line.</summary>
    private void LogFailure(Exception e)
    {
        if (e.Message == _lastFailure)
        {
            logger.LogDebug("Reconcile of {Cluster} failed again: {Message}", Cluster, e.Message);
            return;
        }
        _lastFailure = e.Message;
        logger.LogWarning(e, "Reconcile of {Cluster} failed; retrying in {Delay}", Cluster, options.RequeueInterval);
    }
}
