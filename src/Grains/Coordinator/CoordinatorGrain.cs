using System.Text.Json;
using Actors.Grains.Broker;
using Actors.Grains.Events;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Actors.Grains.Coordinator;

/// <summary>
/// The effect loop around <see cref="RolloutDecider.Decide"/>: observe, decide, persist the
/// operation the decision returns, then carry out its step through the node's grain — and again,
/// while steps are immediate. Persisting before acting is what lets a restarted operator resume
/// exactly where it stopped: a deletion it recorded is repeated for the same pod instance, never
/// chosen afresh, so no node restarts twice for one revision.
/// It has no timer and never calls the cluster grain: its report says when it wants to look again
/// (<see cref="CoordinatorReport.RequeueAfter"/>) and the cluster grain, which owns the loop,
/// schedules exactly that — a callee calling its caller would deadlock a non-reentrant grain.
/// </summary>
// On its cluster's home replica, beside the cluster grain that calls it: a pass is one silo's work.
[Placement.ClusterHomePlacement]
[GrainType(Telemetry.GrainCallTelemetry.CoordinatorGrainType)]
public sealed partial class CoordinatorGrain(
    [PersistentState("operation", KafkaOperatorOptions.KubernetesStorageName)] IPersistentState<CoordinatorState> state,
    NodeObserver observer,
    IHealthGate gate,
    ClusterEventRecorder events,
    KafkaOperatorOptions options,
    TimeProvider time,
    ILogger<CoordinatorGrain> logger) : Placement.ClusterResidentGrain, ICoordinatorGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CoordinatorReport> PassAsync(CoordinatorPlan plan)
    {
        var report = await RunPassAsync(plan, CancellationToken.None);
        // The cluster is gone once its finalizer is released: a recreated one starts from fresh state.
        if (report.Decision.Step is ShutDownComplete)
        {
            gate.Forget(plan.Cluster);
            DeactivateOnIdle();
        }
        return report;
    }

    public Task<OperationState?> GetOperationAsync() => Task.FromResult(state.State.Operation);

    private async Task<CoordinatorReport> RunPassAsync(CoordinatorPlan plan, CancellationToken cancellationToken)
    {
        using var activity = ReconcileTelemetry.Start("coordinator", plan.Cluster.Key);
        var started = time.GetTimestamp();
        var gates = GateAnswers.None;
        string? raised = null;
        var steps = 0;
        var acted = false;
        try
        {
            while (true)
            {
                // After an action of our own, list from the API: the cache may not show it yet.
                var observed = await observer.ObserveAsync(plan.Cluster, raised ?? plan.FinalizedMetadataVersion, preferCache: !acted, cancellationToken);
                if (RollsControllers(plan.Desired, observed))
                    observed = observed with { ActiveController = await gate.ActiveControllerAsync(plan.Cluster, plan.Desired, cancellationToken) };
                var decision = RolloutDecider.Decide(plan.Desired, observed, state.State.Operation, gates, time.GetUtcNow());
                await PersistAsync(decision.Operation);

                if (steps >= options.MaxStepsPerPass || !IsImmediate(decision.Step))
                {
                    if (decision.Step is Blocked blocked)
                        await events.RecordAsync(plan.Cluster, plan.Owner, ClusterEventRecorder.Warning, blocked.Reason, blocked.Message, cancellationToken);
                    ReconcileTelemetry.Record("coordinator", decision.Step is Done or Paused or ShutDownComplete ? ReconcileTelemetry.Success : ReconcileTelemetry.Requeue, time.GetElapsedTime(started));
                    return new CoordinatorReport(decision, observed, raised, steps, Requeue.After(decision, options.RequeueInterval));
                }

                steps++;
                switch (decision.Step)
                {
                    case AskGate ask:
                        var answer = await gate.AskAsync(ask.Question, plan.Cluster.Node(ask.Node), observed, plan.Desired, cancellationToken);
                        if (answer.Notice is { } notice)
                            await events.RecordAsync(plan.Cluster, plan.Owner, ClusterEventRecorder.Warning, notice.Reason, notice.Message, cancellationToken);
                        gates = gates.With(ask.Node, ask.Question, answer);
                        break;
                    case RaiseMetadataVersion raise:
                        // The gate finalizes it (in Kafka with the Kafka checks on); the level it reports
                        // is what the cluster grain writes into status.applied. A held raise blocks the
                        // step for the rest of this pass and is tried again on the next.
                        var finalization = await gate.RaiseMetadataVersionAsync(plan.Cluster, plan.Desired, raise, cancellationToken);
                        if (finalization.Finalized is { } level)
                        {
                            raised = level;
                            await Announce(plan, observed, decision, cancellationToken);
                        }
                        else
                        {
                            gates = gates.WithMetadataVersionHeld(finalization.Reason);
                        }
                        break;
                    default:
                        await Announce(plan, observed, decision, cancellationToken);
                        await CarryOutAsync(plan, decision.Step);
                        acted = true;
                        break;
                }
            }
        }
        catch (Exception e)
        {
            ReconcileTelemetry.Record("coordinator", ReconcileTelemetry.Error, time.GetElapsedTime(started));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            if (e is InconsistentStateException)
            {
                // Someone else wrote the operation: take theirs and decide again on the next pass.
                logger.LogWarning(e, "The operation of {Cluster} changed under this coordinator; re-reading it", plan.Cluster);
                await state.ReadStateAsync();
            }
            throw;
        }
    }

    /// <summary>A controller runs another revision than the plan's: the roll's order needs the active controller.</summary>
    private static bool RollsControllers(DesiredCluster desired, ObservedCluster observed) =>
        desired.Revisions.Any(m => m.Key.Role == NodeRole.Controller && observed.Find(m.Key)?.Pod is { } pod && pod.Revision != m.Value);

    private static bool IsImmediate(RolloutStep step) =>
        step is AskGate or CreateNode or DeleteNodePod or RemoveNode or DeleteNodeConfig or DeletePvc or RaiseMetadataVersion;

    private Task CarryOutAsync(CoordinatorPlan plan, RolloutStep step)
    {
        IBrokerGrain Node(NodeKey key) => GrainFactory.GetGrain<IBrokerGrain>(plan.Cluster.Node(key).GrainKey);
        return step switch
        {
            CreateNode create => Node(create.Node).CreateAsync(plan.Templates[create.Node], plan.Owner, create.CreateVolume),
            DeleteNodePod delete => Node(delete.Node).DeletePodAsync(delete.PodUid),
            RemoveNode remove => Node(remove.Node).DeletePodAsync(remove.PodUid),
            DeleteNodeConfig config => Node(config.Node).DeleteConfigAsync(),
            DeletePvc pvc => Node(pvc.Node).DeleteVolumeAsync(),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>Writes the operation only when it changed; a stale ETag means another writer, and the pass stops.</summary>
    private async Task PersistAsync(OperationState? operation)
    {
        if (JsonSerializer.Serialize(operation, Json) == JsonSerializer.Serialize(state.State.Operation, Json)) return;
        state.State.Operation = operation;
        await state.WriteStateAsync();
    }
}
