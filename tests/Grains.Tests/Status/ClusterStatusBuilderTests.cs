using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Status;

namespace Actors.Grains.Tests.Status;

public class ClusterStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");
    private static readonly DesiredCluster Desired = DesiredCluster.Create(3, 3, k => $"r1-{k.Role.Word()}-{k.Ordinal}");

    private static ObservedCluster AllReady() => new(Desired.Revisions
        .Select(p => new ObservedNode(p.Key, new ObservedPod($"uid-{p.Key.Ordinal}", p.Value, PodPhase.Running, true, Now.AddHours(-1)), true))
        .ToArray());

    private static ClusterCondition Condition(KafkaClusterStatus status, string type) =>
        Assert.Single(status.Conditions!, c => c.Type == type);

    private static KafkaClusterStatus Build(RolloutDecision decision, ObservedCluster? observed = null, KafkaClusterStatus? previous = null,
        DesiredCluster? desired = null, DateTimeOffset? now = null) =>
        ClusterStatusBuilder.Build(previous, 4, Cluster, desired ?? Desired, observed ?? AllReady(), decision, now ?? Now);

    [Fact]
    public void A_steady_cluster_is_ready_and_idle()
    {
        var status = Build(new RolloutDecision(new Done(), null));

        Assert.Equal(ConditionStatus.True, Condition(status, KafkaConditionTypes.Ready).Status);
        Assert.Equal(KafkaConditionReasons.Idle, Condition(status, KafkaConditionTypes.Progressing).Reason);
        Assert.Equal(ConditionStatus.False, Condition(status, KafkaConditionTypes.Degraded).Status);
        Assert.Equal(ConditionStatus.False, Condition(status, KafkaConditionTypes.ReconciliationPaused).Status);
        Assert.Equal(4, status.ObservedGeneration);
        Assert.Equal((3, 3, 3, 3), (status.Brokers, status.Controllers, status.ReadyBrokers, status.ReadyControllers));
        Assert.Null(status.Operation);
        Assert.All(status.Conditions!, c => Assert.Equal(4, c.ObservedGeneration));
    }

    [Fact]
    public void Each_node_is_listed_with_id_pod_phase_and_revision()
    {
        var observed = AllReady() with
        {
            Nodes = [.. AllReady().Nodes.Where(n => n.Key != NodeKey.Broker(2))],
        };
        var nodes = Build(new RolloutDecision(new Wait("x", "y"), null), observed).Nodes!;

        Assert.Equal(6, nodes.Count);
        var controller = nodes[1];
        Assert.Equal((1, "controller", 1001, "demo-controller-1", "Ready", "r1-controller-1", true),
            (controller.Ordinal, controller.Role, controller.NodeId, controller.Pod, controller.Phase, controller.Revision, controller.Ready));
        Assert.Equal(("demo-broker-2", "Absent", false), (nodes[5].Pod, nodes[5].Phase, nodes[5].Ready));
    }

    [Fact]
    public void A_roll_in_progress_shows_the_operation_and_its_progress()
    {
        var operation = new OperationState(OperationKind.Roll, Now.AddMinutes(-2), []);
        var desired = DesiredCluster.Create(3, 3, k => k.Role == NodeRole.Controller ? $"r1-{k.Role.Word()}-{k.Ordinal}" : "r2");

        var status = Build(new RolloutDecision(new DeleteNodePod(NodeKey.Broker(2), "uid-2", PodDeletionReason.Roll), operation), desired: desired);

        Assert.Equal("Roll", status.Operation!.Type);
        Assert.Equal("3/6", status.Operation.Progress);
        Assert.Equal("2026-01-01T11:58:00Z", status.Operation.StartedAt);
        var progressing = Condition(status, KafkaConditionTypes.Progressing);
        Assert.Equal((ConditionStatus.True, KafkaConditionReasons.RollingUpdate), (progressing.Status, progressing.Reason));
        Assert.Contains("broker 2", progressing.Message);
        Assert.Equal(KafkaConditionReasons.RollingUpdate, Condition(status, KafkaConditionTypes.Ready).Reason);
    }

    [Fact]
    public void A_blocked_roll_says_why_in_progressing_and_degraded()
    {
        var blocked = new Blocked(KafkaConditionReasons.RollBlocked, "Rolling update of broker 2 is blocked: CanRestart says 3 under-replicated partitions");
        var status = Build(new RolloutDecision(blocked, new OperationState(OperationKind.Roll, Now, [])));

        var progressing = Condition(status, KafkaConditionTypes.Progressing);
        Assert.Equal((ConditionStatus.False, KafkaConditionReasons.RollBlocked), (progressing.Status, progressing.Reason));
        Assert.Contains("under-replicated", progressing.Message);
        Assert.Equal(KafkaConditionReasons.RollBlocked, Condition(status, KafkaConditionTypes.Degraded).Reason);
    }

    [Fact]
    public void A_node_down_with_no_operation_marks_the_cluster_degraded()
    {
        var observed = AllReady() with
        {
            Nodes = [.. AllReady().Nodes.Select(n => n.Key == NodeKey.Broker(1) ? n with { Pod = n.Pod! with { Ready = false } } : n)],
        };
        var status = Build(new RolloutDecision(new Wait(WaitReasons.NodeNotReady, "Waiting for broker 1 to be ready"), null), observed);

        var degraded = Condition(status, KafkaConditionTypes.Degraded);
        Assert.Equal((ConditionStatus.True, KafkaConditionReasons.NodesUnavailable), (degraded.Status, degraded.Reason));
        Assert.Contains("broker 1", degraded.Message);
        Assert.Equal(ConditionStatus.False, Condition(status, KafkaConditionTypes.Ready).Status);
    }

    [Fact]
    public void Pause_is_reported_as_its_own_condition()
    {
        var status = Build(new RolloutDecision(new Paused(), null), desired: Desired with { Paused = true });

        var paused = Condition(status, KafkaConditionTypes.ReconciliationPaused);
        Assert.Equal((ConditionStatus.True, KafkaConditionReasons.Paused), (paused.Status, paused.Reason));
        Assert.Contains(KafkaAnnotations.PauseReconciliation, paused.Message);
    }

    [Fact]
    public void Transition_time_changes_only_when_the_status_changes()
    {
        var first = Build(new RolloutDecision(new Done(), null));
        var same = Build(new RolloutDecision(new Done(), null), previous: first, now: Now.AddMinutes(5));
        var changed = Build(new RolloutDecision(new Wait("x", "y"), null), previous: same, now: Now.AddMinutes(9));

        Assert.Equal("2026-01-01T12:00:00Z", Condition(same, KafkaConditionTypes.Ready).LastTransitionTime);
        Assert.Equal("2026-01-01T12:09:00Z", Condition(changed, KafkaConditionTypes.Ready).LastTransitionTime);
    }

    [Fact]
    public void An_invalid_spec_sets_ready_false_naming_the_fields_and_keeps_the_rest()
    {
        var running = Build(new RolloutDecision(new Done(), null)) with { ClusterId = "abc", BootstrapServers = "demo-bootstrap:9092" };
        var errors = SpecValidator.Validate("demo", Specs.Valid(controllers: 4) with { Version = "9.9.9" });

        var status = ClusterStatusBuilder.Invalid(running, 5, errors, Now.AddMinutes(1));

        var ready = Condition(status, KafkaConditionTypes.Ready);
        Assert.Equal((ConditionStatus.False, KafkaConditionReasons.InvalidSpec, 5L), (ready.Status, ready.Reason, ready.ObservedGeneration));
        Assert.Contains("spec.version", ready.Message);
        Assert.Contains("spec.controllers.replicas", ready.Message);
        Assert.Equal(5, status.ObservedGeneration);
        Assert.Equal(("abc", "demo-bootstrap:9092"), (status.ClusterId, status.BootstrapServers));
        Assert.Equal(running.Nodes, status.Nodes);
        Assert.Equal(Condition(running, KafkaConditionTypes.Degraded), Condition(status, KafkaConditionTypes.Degraded));
    }
}
