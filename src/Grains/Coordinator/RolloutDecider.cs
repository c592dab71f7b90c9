using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

/// <summary>
/// The coordinator's decision: given what should be, what is, the persisted in-flight operation
/// and the health gate's answers so far, the one next step. Pure: no I/O, no clock but <c>now</c>.
/// Level-based: it looks at the state, not at the event that woke it, so running it again on the
/// same state gives the same step, and every step is safe to repeat.
///
/// Invariants it keeps (each checked by property tests):
/// <list type="bullet">
/// <item>A disruptive step (roll restart, scale-in removal) on an available node is taken only when
///   afterwards at most <c>maxUnavailable</c> nodes are unavailable, counting nodes down on their own
///   and pods already deleted but still in the cache; and a controller only if a quorum majority stays.</item>
/// <item>One disruption at a time: no roll restart or removal while another restarted node is not back
///   and available, or while a leaving pod is still stopping.</item>
/// <item>OrderedReady: a node is created only when every node before it (controllers 0.., then
///   brokers 0..) is available; Parallel creates without waiting.</item>
/// <item>Scale-in removes the highest ordinal first (brokers before controllers), one at a time, only
///   after the IsDrained gate opens; a roll restarts unready nodes first, then controllers before
///   brokers (the active controller last), highest ordinal first, only after the CanRestart gate opens.</item>
/// <item>A pod is never created for an identity that has one; a PVC is never deleted while its node has
///   a pod, and only as <c>whenScaled</c> (nodes that left) or <c>whenDeleted</c> (cluster deletion) say.</item>
/// <item>A node's ConfigMap is deleted only once the node has left (scale-in or cluster deletion) and
///   its pod is gone; a member's ConfigMap is only ever rewritten by its <see cref="CreateNode"/>.</item>
/// <item>A node is deleted at most once per revision: the deletion is recorded (with the pod's uid) in
///   the returned operation, which the shell persists before acting; re-running after an operator
///   restart repeats that same deletion (same uid) instead of choosing another.</item>
/// <item>The metadata version is raised only when every member runs its revision and is available; a raise
///   Kafka held in this pass is not tried again in it (Blocked, retried on the next pass).</item>
/// <item>Deleting the cluster stops brokers then controllers, highest ordinal first, one at a time,
///   even when paused; otherwise a paused cluster is left alone.</item>
/// </list>
/// </summary>
public static class RolloutDecider
{
    public static RolloutDecision Decide(
        DesiredCluster desired, ObservedCluster observed, OperationState? inFlight, GateAnswers gates, DateTimeOffset now)
    {
        var operation = Prune(inFlight, desired, observed);
        var view = new ClusterView(desired, observed, operation, now);
        var decision = new Decision(view, operation, gates, now);

        if (desired.Deleting) return decision.ShutDown();
        if (desired.Paused) return new(new Paused(), operation);

        return decision.ResumeDeletion()
               ?? decision.ReplaceFailed()
               ?? decision.CreateMissing()
               ?? decision.ScaleIn()
               ?? decision.ReleaseConfigs()
               ?? decision.ReleaseVolumes()
               ?? decision.Roll()
               ?? decision.AwaitAvailability()
               ?? decision.RaiseMetadata()
               ?? new RolloutDecision(new Done(), null);
    }

    /// <summary>
    /// Forgets deletions that are finished (their pod is gone or replaced) and obsolete (a roll
    /// towards a revision no longer desired, a removal of a node that is a member again). A
    /// deletion whose pod is still observed is never forgotten: it may have happened already.
    /// </summary>
    private static OperationState? Prune(OperationState? operation, DesiredCluster desired, ObservedCluster observed)
    {
        if (operation is null) return null;
        var kept = operation.Deletions.Where(d =>
            observed.Find(d.Node)?.Pod?.Uid == d.PodUid
            || (d.Cause == DeletionCause.Roll
                ? desired.Revisions.TryGetValue(d.Node, out var revision) && revision == d.Revision
                : !desired.IsMember(d.Node))).ToArray();
        return kept.Length == operation.Deletions.Count ? operation : operation with { Deletions = kept };
    }

    private sealed class Decision(ClusterView view, OperationState? operation, GateAnswers gates, DateTimeOffset now)
    {
        private DesiredCluster Desired => view.Desired;

        public RolloutDecision ShutDown()
        {
            var withPods = view.Observed.Nodes.Where(n => n.Pod is not null).Select(n => n.Key).Order(StopOrder).ToArray();
            if (view.Observed.Nodes.FirstOrDefault(n => n.Pod is { Terminating: true }) is { } stopping)
                return Hold(new Wait(WaitReasons.NodeStopping, $"Shutting down: waiting for {stopping.Key} to stop"));
            if (withPods.Length > 0)
                return Act(new RemoveNode(withPods[0], view.Pod(withPods[0])!.Uid, RemovalReason.ShutDown), OperationKind.ShutDown);
            var config = ReleasedConfigs().FirstOrDefault(Sentinel);
            if (config != Sentinel)
                return Act(new DeleteNodeConfig(config), OperationKind.ShutDown);
            var withVolumes = view.Observed.Nodes.Where(n => n.HasPvc).Select(n => n.Key).Order(StopOrder).ToArray();
            if (Desired.WhenDeleted == VolumeRetention.Delete && withVolumes.Length > 0)
                return Act(new DeletePvc(withVolumes[0]), OperationKind.ShutDown);
            return new(new ShutDownComplete(), null);
        }

        /// <summary>A deletion the operation recorded whose pod is still there, not stopping: send the same delete again.</summary>
        public RolloutDecision? ResumeDeletion()
        {
            foreach (var deletion in operation?.Deletions ?? [])
            {
                if (view.Pod(deletion.Node) is not { Terminating: false } pod || pod.Uid != deletion.PodUid) continue;
                return deletion.Cause == DeletionCause.Roll
                    ? Act(new DeleteNodePod(deletion.Node, pod.Uid, PodDeletionReason.Roll), OperationKind.Roll)
                    : Act(new RemoveNode(deletion.Node, pod.Uid, RemovalReason.ScaleIn), OperationKind.ScaleIn);
            }

            return null;
        }

        public RolloutDecision? ReplaceFailed()
        {
            foreach (var member in Desired.MembersInStartOrder())
                if (view.Pod(member) is { Phase: PodPhase.Failed or PodPhase.Succeeded, Terminating: false } pod)
                    return Act(new DeleteNodePod(member, pod.Uid, PodDeletionReason.ReplaceFailed), OperationKind.Recover, keepKind: true);
            return null;
        }

        public RolloutDecision? CreateMissing()
        {
            var members = Desired.MembersInStartOrder().ToArray();
            var missing = members.Where(m => view.Pod(m) is null).ToArray();
            if (missing.Length == 0) return null;

            var next = missing[0];
            if (Desired.Rollout.PodManagement == PodManagementPolicy.OrderedReady)
            {
                var blocker = members.TakeWhile(m => m != next).FirstOrDefault(m => !view.IsAvailable(m), Sentinel);
                if (blocker != Sentinel)
                {
                    // A predecessor that is down at an old revision may need the roll to come back
                    // (a fixed spec for a pod that could not start): roll it rather than wait forever.
                    if (NeedsRoll(blocker) && view.Pod(blocker) is { Terminating: false })
                        return RestartInFlight() ?? RollNode(blocker);
                    return Hold(new Wait(WaitReasons.NodeNotReady,
                        $"{next} waits for {blocker} to {ReadyWord(blocker)}", view.MinReadyRemaining(blocker)));
                }
            }

            var kind = view.HasPvc(next) ? OperationKind.Recover
                : Desired.Revisions.Keys.Any(view.IsAvailable) ? OperationKind.ScaleOut
                : OperationKind.StartUp;
            return Act(new CreateNode(next, Desired.Revisions[next], CreateVolume: !view.HasPvc(next)), kind, keepKind: true);
        }

        public RolloutDecision? ScaleIn()
        {
            var leaving = view.Observed.Nodes.Where(n => !Desired.IsMember(n.Key) && n.Pod is not null).ToArray();
            if (leaving.Length == 0) return null;
            if (leaving.FirstOrDefault(n => n.Pod!.Terminating) is { } stopping)
                return Hold(new Wait(WaitReasons.NodeStopping, $"Scaling in: waiting for {stopping.Key} to stop"));

            var next = leaving.Select(n => n.Key).Order(StopOrder).First();
            if (!view.CanTakeDown(next, out var why))
                return Hold(new Wait(WaitReasons.UnavailableBudget, $"Scaling in: {next} waits: {why}"));
            return Gate(next, HealthGateQuestion.IsDrained, KafkaConditionReasons.ScaleDownBlocked, "Scale-in", () =>
            {
                var uid = view.Pod(next)!.Uid;
                return Act(new RemoveNode(next, uid, RemovalReason.ScaleIn), OperationKind.ScaleIn,
                    record: new PodDeletion(next, uid, DeletionCause.ScaleIn));
            });
        }

        /// <summary>The ConfigMap of a node that left goes once its pod is gone, whatever the volume's retention.</summary>
        public RolloutDecision? ReleaseConfigs()
        {
            var released = ReleasedConfigs().FirstOrDefault(Sentinel);
            return released == Sentinel ? null : Act(new DeleteNodeConfig(released), OperationKind.ScaleIn, keepKind: true);
        }

        private IEnumerable<NodeKey> ReleasedConfigs() => view.Observed.Nodes
            .Where(n => (Desired.Deleting || !Desired.IsMember(n.Key)) && n.Pod is null && n.HasConfig)
            .Select(n => n.Key).Order(StopOrder);

        public RolloutDecision? ReleaseVolumes()
        {
            if (Desired.WhenScaled != VolumeRetention.Delete) return null;
            var released = view.Observed.Nodes
                .Where(n => !Desired.IsMember(n.Key) && n.Pod is null && n.HasPvc)
                .Select(n => n.Key).Order(StopOrder).ToArray();
            return released.Length == 0 ? null : Act(new DeletePvc(released[0]), OperationKind.ScaleIn, keepKind: true);
        }

        public RolloutDecision? Roll()
        {
            if (view.Observed.Nodes.FirstOrDefault(n => Desired.IsMember(n.Key) && n.Pod is { Terminating: true }) is { } stopping)
                return Hold(new Wait(WaitReasons.NodeStopping, $"Waiting for {stopping.Key} to stop"));

            if (RestartInFlight() is { } inFlight) return inFlight;

            var candidates = Desired.Revisions.Keys.Where(NeedsRoll).Order(RollOrder).ToArray();
            return candidates.Length == 0 ? null : RollNode(candidates[0]);
        }

        public RolloutDecision? AwaitAvailability()
        {
            var waiting = Desired.MembersInStartOrder().Where(m => !view.IsAvailable(m)).ToArray();
            if (waiting.Length == 0) return null;
            var settling = waiting.Where(m => view.MinReadyRemaining(m) is not null).ToArray();
            var unready = waiting.Except(settling).ToArray();
            var message = unready.Length > 0
                ? $"Waiting for {string.Join(", ", unready)} to be ready"
                : $"Waiting for {string.Join(", ", settling)} to {ReadyWord(settling[0])}";
            return Hold(new Wait(WaitReasons.NodeNotReady, message, waiting.Select(view.MinReadyRemaining).Where(t => t is not null).Min()));
        }

        /// <summary>A Ready pod inside minReadySeconds is not yet available: say that, not "to be ready".</summary>
        private string ReadyWord(NodeKey node) =>
            view.MinReadyRemaining(node) is { } left
                ? $"stay ready for minReadySeconds ({Math.Ceiling(left.TotalSeconds):0} s left)"
                : "be ready";

        public RolloutDecision? RaiseMetadata()
        {
            if (Desired.MetadataVersion is not { } target || view.Observed.MetadataVersion is not { } current) return null;
            if (KafkaVersions.CompareMetadataVersions(target, current) <= 0) return null;
            if (gates.MetadataVersionHeld is { } held)
                return Hold(new Blocked(KafkaConditionReasons.MetadataVersionBlocked,
                    $"Raising the metadata version from {current} to {target} is blocked: {held}"));
            return Act(new RaiseMetadataVersion(current, target), OperationKind.RaiseMetadataVersion);
        }

        /// <summary>One at a time: a node restarted by this operation must be back and available first.</summary>
        private RolloutDecision? RestartInFlight()
        {
            foreach (var deletion in operation?.Deletions ?? [])
                if (deletion.Cause == DeletionCause.Roll && Desired.IsMember(deletion.Node) && !view.IsAvailable(deletion.Node))
                    return Hold(new Wait(WaitReasons.NodeNotReady,
                        $"Rolling update: waiting for {deletion.Node} to be ready at revision {deletion.Revision}",
                        view.MinReadyRemaining(deletion.Node)));
            return null;
        }

        private bool NeedsRoll(NodeKey member) =>
            view.Pod(member) is { } pod && pod.Revision != Desired.Revisions[member]
            && operation?.Deletions.Any(d => d.Node == member && d.PodUid == pod.Uid) != true;

        private RolloutDecision RollNode(NodeKey node)
        {
            if (!view.CanTakeDown(node, out var why))
                return Hold(new Wait(WaitReasons.UnavailableBudget, $"Rolling update: {node} waits: {why}"));
            return Gate(node, HealthGateQuestion.CanRestart, KafkaConditionReasons.RollBlocked, "Rolling update", () =>
            {
                var pod = view.Pod(node)!;
                var revision = Desired.Revisions[node];
                return Act(new DeleteNodePod(node, pod.Uid, PodDeletionReason.Roll), OperationKind.Roll,
                    record: new PodDeletion(node, pod.Uid, DeletionCause.Roll, revision));
            });
        }

        private RolloutDecision Gate(NodeKey node, HealthGateQuestion question, string blockedReason, string what, Func<RolloutDecision> open)
        {
            var answer = gates.Find(node, question);
            if (answer is null) return Hold(new AskGate(node, question));
            if (!answer.Open)
                return Hold(new Blocked(blockedReason, $"{what} of {node} is blocked: {question} says {answer.Reason}"));
            return open();
        }

        private RolloutDecision Hold(RolloutStep step) => new(step, operation);

        private RolloutDecision Act(RolloutStep step, OperationKind kind, PodDeletion? record = null, bool keepKind = false)
        {
            var effectiveKind = keepKind && operation is not null && operation.Kind != OperationKind.ShutDown ? operation.Kind : kind;
            var deletions = operation?.Deletions ?? [];
            if (record is not null)
                deletions = [.. deletions.Where(d => !(d.Node == record.Node && d.Cause == record.Cause)), record];
            var startedAt = operation is not null && operation.Kind == effectiveKind ? operation.StartedAt : now;
            return new(step, new OperationState(effectiveKind, startedAt, deletions));
        }

        /// <summary>Unready nodes first; then controllers before brokers, the active controller last; highest ordinal first.</summary>
        private int CompareForRoll(NodeKey a, NodeKey b)
        {
            var byReadiness = view.IsAvailable(a).CompareTo(view.IsAvailable(b));
            if (byReadiness != 0) return byReadiness;
            if (a.Role != b.Role) return a.Role == NodeRole.Controller ? -1 : 1;
            var active = view.Observed.ActiveController;
            var byActive = (a == active).CompareTo(b == active);
            return byActive != 0 ? byActive : b.Ordinal.CompareTo(a.Ordinal);
        }

        private static readonly NodeKey Sentinel = new(NodeRole.Broker, -1);

        private static IComparer<NodeKey> StopOrder { get; } = Comparer<NodeKey>.Create(StopOrderOf);
        private IComparer<NodeKey> RollOrder => Comparer<NodeKey>.Create(CompareForRoll);

        /// <summary>Brokers before controllers, highest ordinal first.</summary>
        private static int StopOrderOf(NodeKey a, NodeKey b) =>
            a.Role != b.Role ? (a.Role == NodeRole.Broker ? -1 : 1) : b.Ordinal.CompareTo(a.Ordinal);
    }
}
