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
/// It alone schedules its cluster's next pass (see <see cref="NextPass"/>): the coordinator says in
/// its report when it wants to look again, it never calls back. Events only move its timer to now
/// (<see cref="WakeAsync"/>); every pass first waits for one of the silo's <see cref="ReconcileSlots"/>.
/// </summary>
// On its cluster's home replica (rendezvous hashing over the Active replicas), moved there when they
// change. Not random placement (uneven: 14/5/11 of 30 over 3) nor activation-count placement (it waits
// for load statistics, and placed all of a burst on the replicas that had published theirs).
[Placement.ClusterHomePlacement]
[GrainType(Telemetry.GrainCallTelemetry.ClusterGrainType)]
public sealed partial class KafkaClusterGrain(
    IKubernetes client,
    KafkaClusterReader reader,
    UnreadableClusterReporter unreadable,
    ClusterEventRecorder events,
    OperatorInformers informers,
    KafkaOperatorOptions options,
    ReconcileSlots slots,
    TimeProvider time,
    ILogger<KafkaClusterGrain> logger) : Placement.ClusterResidentGrain, IKafkaClusterGrain, IGrainMigrationParticipant
{
    private KafkaClusterStatus? _status;
    private IGrainTimer? _timer;
    private DateTimeOffset _resyncAt;
    private bool _woken;
    private TimeSpan? _requested;
    private bool _moved;

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
        LogActivated(Cluster);
        _resyncAt = time.GetUtcNow() + options.ResyncPeriod;
        _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions
        {
            // A call activates a grain and says when to pass; a moved one gets no call, so it looks at once.
            DueTime = _moved ? TimeSpan.Zero : options.ResyncPeriod,
            Period = options.ResyncPeriod,
            KeepAlive = true,
        });
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        logger.LogInformation("Stopped reconciling {Cluster} on this replica ({Reason})", Cluster, reason.ReasonCode);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Nothing travels with a moved cluster grain: its next pass reads everything afresh.</summary>
    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _moved = true;

    public Task WakeAsync()
    {
        // Interleaves with a running pass: a timer changed during its tick takes the change after
        // the tick, and the pass, seeing _woken, schedules itself again at once.
        _woken = true;
        _timer?.Change(TimeSpan.Zero, options.ResyncPeriod);
        return Task.CompletedTask;
    }

    public async Task ReconcileAsync()
    {
        using var slot = await slots.EnterAsync();
        using var activity = ReconcileTelemetry.Start("kafkacluster", Cluster.Key);
        var started = time.GetTimestamp();
        _requested = null;
        _woken = false;
        try
        {
            var requeueAfter = Earliest(await ReconcileOnceAsync(), _requested);
            ReconcileTelemetry.Record("kafkacluster", requeueAfter is null ? ReconcileTelemetry.Success : ReconcileTelemetry.Requeue, time.GetElapsedTime(started));
            _lastFailure = null;
            Schedule(NextPass.After(requeueAfter, Ledger.NextRetryAfter(time.GetUtcNow()), time.GetUtcNow(), options.RequeueInterval, options.ResyncPeriod));
        }
        catch (Exception e)
        {
            ReconcileTelemetry.Record("kafkacluster", ReconcileTelemetry.Error, time.GetElapsedTime(started));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            LogFailure(e);
            Schedule(options.RequeueInterval);
        }
    }

    /// <summary>Where a cluster is reconciled, once per activation: after a replica dies, the survivor says it took it over.</summary>
    private void LogActivated(ClusterIdentity cluster) =>
        logger.LogInformation("Reconciling {Cluster} on this replica (silo {Silo})", cluster, RuntimeIdentity);

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <returns>When the pass must run again regardless of events; null when only an event (or the resync) should wake it.</returns>
    private async Task<TimeSpan?> ReconcileOnceAsync()
    {
        var cluster = Cluster;
        var read = await reader.ReadAsync(cluster);
        if (read is ClusterRead.Unreadable bad)
        {
            // Half an object is no basis for any step: say so on it, and wait for it to be corrected.
            _status = null;
            LogUnreadable(bad.Cluster);
            await unreadable.ReportAsync(bad.Cluster);
            return null;
        }
        if (read is not ClusterRead.Readable { Cluster: var resource })
        {
            // Gone (its finalizer was released): nothing to keep alive for.
            _status = null;
            _appliedIntents.Clear();
            ClusterMetrics.Forget(cluster.Key);
            DeactivateOnIdle();
            return null;
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
            return null;
        }

        var currentId = resource.Status?.ClusterId is { } known && KafkaClusterId.IsValid(known) ? known : null;
        var choice = RetainedClaims.Choose(cluster, currentId, spec!, await RetainedClaimsAsync(cluster, fromApi: currentId is null));
        if (choice is RefuseClaims refusal)
        {
            await RefuseClaimsAsync(resource, cluster, owner, generation, refusal);
            return null;
        }

        // A refused id write is a refused status write: Degraded cannot be written either, the Event says so.
        if (await EnsureClusterIdAsync(resource, owner, choice) is not { } identified) return null;
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
        return report.RequeueAfter;
    }

    /// <summary>
    /// The nodes wait for a refused object: the status keeps describing the running cluster and
    /// says, in Degraded, what is refused.
    /// </summary>
    private async Task<TimeSpan?> HoldAsync(KafkaCluster resource, long generation)
    {
        var previous = resource.Status ?? new KafkaClusterStatus();
        var held = previous with
        {
            ObservedGeneration = generation,
            Conditions = RejectionConditions.Apply(previous.Conditions, generation, Ledger.Current, time.GetUtcNow()),
        };
        await WriteStatusAsync(resource, held);
        return null;
    }

    private async Task<TimeSpan?> ShutDownAsync(ClusterIdentity cluster, ClusterOwner owner, KafkaCluster resource)
    {
        if (!(resource.Metadata.Finalizers ?? []).Contains(KafkaClusterResource.Finalizer)) return null;

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
            return null;
        }

        var status = Status.ClusterStatusBuilder.Build(resource.Status, generation, cluster, desired,
            report.Observed, report.Decision, time.GetUtcNow());
        await WriteStatusAsync(resource, status);
        return report.RequeueAfter;
    }

    /// <summary>A step of this pass wants another pass soon (a write lost a race); the earliest request wins.</summary>
    private void RequeueSoon() => _requested = options.RequeueInterval;

    /// <summary>The one timer of this cluster: due at the next pass the last one asked for, else at the resync.</summary>
    private void Schedule(TimeSpan due) => _timer?.Change(_woken ? TimeSpan.Zero : due, options.ResyncPeriod);

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        // While the shared objects are not watched (their informers not synced yet), once per resync
        // period a pass re-applies them, restoring any that were changed or deleted by hand; watched,
        // a pass re-applies exactly those whose cached version is not the one it applied.
        if (time.GetUtcNow() >= _resyncAt)
        {
            if (!SharedObjectsWatched) _appliedIntents.Clear();
            _resyncAt = time.GetUtcNow() + options.ResyncPeriod;
        }
        await ReconcileAsync();
    }
}
