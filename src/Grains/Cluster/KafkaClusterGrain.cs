using Actors.Contracts.Grains;
using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;
using Actors.Grains.Events;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Actors.Grains.Telemetry;
using Actors.Grains.Unreadable;
using Actors.Runtime;
using k8s;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Cluster;

/// <summary>
/// The reconcile loop of one KafkaCluster. Level-based: whatever woke it (a watch event, its own
/// resync timer, the coordinator), it reads the CR and acts on what is, not on what changed.
/// Order of a pass: finalizer, validation (an invalid spec only changes the Ready condition),
/// the KRaft cluster id (the retained claims' when they agree, else new; persisted in status before
/// any pod can carry it), the shared objects,
/// the plan handed to the coordinator, and last the status — written only when it changed.
/// A CR that cannot be decoded is not acted on at all: it is reported on the object and left as it is.
/// </summary>
public sealed partial class KafkaClusterGrain(
    IKubernetes client,
    KafkaClusterReader reader,
    UnreadableClusterReporter unreadable,
    ClusterEventRecorder events,
    OperatorInformers informers,
    KafkaOperatorOptions options,
    TimeProvider time,
    ILogger<KafkaClusterGrain> logger) : Grain, IKafkaClusterGrain
{
    private KafkaClusterStatus? _status;
    private IGrainTimer? _resync;

    private ClusterIdentity Cluster
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var slash = key.IndexOf('/');
            return new ClusterIdentity(key[..slash], key[(slash + 1)..]);
        }
    }

    /// <summary>PUT of the whole CR (its finalizers); its resourceVersion makes a stale write fail with 409.</summary>
    private Task<KafkaCluster> ReplaceAsync(KafkaCluster resource) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<KafkaCluster>(resource, KafkaClusterResource.Group, KafkaClusterResource.Version,
            Cluster.Namespace, KafkaClusterResource.Plural, Cluster.Name, fieldManager: options.FieldManager);

    /// <summary>PUT to /status: only the status changes; resourceVersion guards it like any replace.</summary>
    private Task<KafkaCluster> ReplaceStatusAsync(KafkaCluster resource) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<KafkaCluster>(resource, KafkaClusterResource.Group, KafkaClusterResource.Version,
            Cluster.Namespace, KafkaClusterResource.Plural, Cluster.Name, fieldManager: options.FieldManager);

    private ICoordinatorGrain Coordinator => GrainFactory.GetGrain<ICoordinatorGrain>(Cluster.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _resync = RegisterGrainTimer(OnResyncAsync, new GrainTimerCreationOptions
        {
            DueTime = options.ResyncPeriod,
            Period = options.ResyncPeriod,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<KafkaClusterStatus?> GetStatusAsync() => Task.FromResult(_status);

    public async Task ReconcileAsync()
    {
        using var activity = ReconcileTelemetry.Start("kafkacluster", Cluster.Key);
        var started = time.GetTimestamp();
        try
        {
            var requeue = await ReconcileOnceAsync();
            ReconcileTelemetry.Record("kafkacluster", requeue ? ReconcileTelemetry.Requeue : ReconcileTelemetry.Success, time.GetElapsedTime(started));
            _lastFailure = null;
            if (requeue) RequeueSoon();
            else ScheduleRetry();
        }
        catch (Exception e)
        {
            ReconcileTelemetry.Record("kafkacluster", ReconcileTelemetry.Error, time.GetElapsedTime(started));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            LogFailure(e);
            RequeueSoon();
        }
    }

    /// <returns>True when the pass must run again soon regardless of events.</returns>
    private async Task<bool> ReconcileOnceAsync()
    {
        var cluster = Cluster;
        var read = await reader.ReadAsync(cluster);
        if (read is ClusterRead.Unreadable bad)
        {
            // Half an object is no basis for any step: say so on it, and wait for it to be corrected.
            _status = null;
            LogUnreadable(bad.Cluster);
            await unreadable.ReportAsync(bad.Cluster);
            return false;
        }
        if (read is not ClusterRead.Readable { Cluster: var resource })
        {
            // Gone (its finalizer was released): nothing to keep alive for.
            _status = null;
            _appliedIntents.Clear();
            ClusterMetrics.Forget(cluster.Key);
            DeactivateOnIdle();
            return false;
        }

        _status = resource.Status;
        var owner = new ClusterOwner(cluster.Name, resource.Metadata.Uid ?? "");
        if (resource.Metadata.DeletionTimestamp is not null)
            return await ShutDownAsync(cluster, owner, resource);

        var generation = resource.Metadata.Generation ?? 0;
        // No object is created before the finalizer exists: it is what guarantees the ordered shut-down.
        if (await EnsureFinalizerAsync(resource, owner) is not { } finalized)
            return await HoldAsync(resource, generation);
        resource = finalized;
        var spec = resource.Spec;
        var errors = SpecValidator.Admit(cluster.Name, resource);
        if (errors.Count > 0)
        {
            var invalid = Status.ClusterStatusBuilder.Invalid(resource.Status, generation, errors, time.GetUtcNow());
            if (await WriteStatusAsync(resource, invalid))
                await events.RecordAsync(cluster, owner, ClusterEventRecorder.Warning, KafkaConditionReasons.InvalidSpec,
                    $"{cluster} spec is invalid, nothing was changed: {SpecError.Describe(errors)}");
            return false;
        }

        var currentId = resource.Status?.ClusterId is { } known && KafkaClusterId.IsValid(known) ? known : null;
        var choice = RetainedClaims.Choose(cluster, currentId, spec!, await RetainedClaimsAsync(cluster, fromApi: currentId is null));
        if (choice is RefuseClaims refusal)
        {
            await RefuseClaimsAsync(resource, cluster, owner, generation, refusal);
            return false;
        }

        // A refused id write is a refused status write: Degraded cannot be written either, the Event says so.
        if (await EnsureClusterIdAsync(resource, owner, choice) is not { } identified) return false;
        resource = identified;
        var clusterId = resource.Status!.ClusterId!;
        var plan = ClusterPlan.From(cluster, spec!, clusterId, resource.Metadata.Annotations?.AsReadOnly(), deleting: false, options.ClusterDomain);
        var nodesMayProceed = plan.Desired.Paused || await ApplySharedObjectsAsync(cluster, spec!, plan, owner);
        if (!nodesMayProceed || !Ledger.NodeStepsDue(time.GetUtcNow()))
            return await HoldAsync(resource, generation);

        var applied = AppliedRecord.Of(resource);
        CoordinatorReport report;
        try
        {
            report = await Coordinator.PassAsync(new CoordinatorPlan(cluster, owner, plan.Desired, plan.Templates,
                applied?.MetadataVersion ?? KafkaVersions.MetadataVersionOf(spec!.Version!)));
        }
        catch (StepFailedException e)
        {
            if (!await NoteRejectionAsync(cluster, owner, e.Target, e.Answer)) throw;
            return await HoldAsync(resource, generation);
        }

        NoteNodeStepsAccepted();
        var status = BuildStatus(resource, cluster, spec!, plan, report);
        await WriteStatusAsync(resource, status);
        return false;
    }

    /// <summary>
    /// The nodes wait for a refused object: the status keeps describing the running cluster and
    /// says, in Degraded, what is refused.
    /// </summary>
    private async Task<bool> HoldAsync(KafkaCluster resource, long generation)
    {
        var previous = resource.Status ?? new KafkaClusterStatus();
        var held = previous with
        {
            ObservedGeneration = generation,
            Conditions = RejectionConditions.Apply(previous.Conditions, generation, Ledger.Current, time.GetUtcNow()),
        };
        await WriteStatusAsync(resource, held);
        return false;
    }

    private async Task<bool> ShutDownAsync(ClusterIdentity cluster, ClusterOwner owner, KafkaCluster resource)
    {
        if (!(resource.Metadata.Finalizers ?? []).Contains(KafkaClusterResource.Finalizer)) return false;

        var spec = resource.Spec;
        var valid = SpecValidator.Validate(cluster.Name, spec).Count == 0;
        var plan = valid && resource.Status?.ClusterId is { } id
            ? ClusterPlan.From(cluster, spec!, id, resource.Metadata.Annotations?.AsReadOnly(), deleting: true, options.ClusterDomain)
            : null;
        var desired = plan?.Desired ?? new DesiredCluster
        {
            Revisions = new Dictionary<NodeKey, string>(),
            Deleting = true,
            WhenDeleted = spec?.PersistentVolumeClaimRetentionPolicy?.WhenDeleted == KafkaSpecValues.Delete ? VolumeRetention.Delete : VolumeRetention.Retain,
        };
        var generation = resource.Metadata.Generation ?? 0;
        if (!Ledger.NodeStepsDue(time.GetUtcNow())) return await HoldAsync(resource, generation);
        CoordinatorReport report;
        try
        {
            report = await Coordinator.PassAsync(new CoordinatorPlan(cluster, owner, desired,
                plan?.Templates ?? new Dictionary<NodeKey, Rendering.NodeTemplate>(), AppliedRecord.Of(resource)?.MetadataVersion));
        }
        catch (StepFailedException e)
        {
            // A refused stop (RBAC on pods/delete, say) holds the ordered shut-down where it is, with back-off.
            if (!await NoteRejectionAsync(cluster, owner, e.Target, e.Answer)) throw;
            return await HoldAsync(resource, generation);
        }

        NoteNodeStepsAccepted();

        if (report.Decision.Step is ShutDownComplete)
        {
            // A refused release keeps the cluster Terminating, with Degraded saying why, retried with back-off.
            if (!await ReleaseFinalizerAsync(resource, owner)) return await HoldAsync(resource, generation);
            return false;
        }

        var status = Status.ClusterStatusBuilder.Build(resource.Status, generation, cluster, desired,
            report.Observed, report.Decision, time.GetUtcNow());
        await WriteStatusAsync(resource, status);
        return false;
    }

    private void RequeueSoon() => _resync?.Change(options.RequeueInterval, options.ResyncPeriod);

    private async Task OnResyncAsync(CancellationToken cancellationToken)
    {
        // A resync re-applies the shared objects too, restoring any that were changed or deleted by hand.
        _appliedIntents.Clear();
        _resync?.Change(options.ResyncPeriod, options.ResyncPeriod);
        await ReconcileAsync();
    }
}
