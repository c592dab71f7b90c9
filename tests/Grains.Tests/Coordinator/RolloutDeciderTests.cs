using System.Text.Json;
using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Coordinator;

public class RolloutDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DesiredCluster Cluster(int controllers, int brokers, string revision, int maxUnavailable = 1) =>
        DesiredCluster.Create(controllers, brokers, key => $"{revision}-{key.Role.Word()}-{key.Ordinal}") with
        {
            Rollout = new RolloutPolicy(MaxUnavailable: maxUnavailable),
        };

    private static ObservedNode ReadyNode(NodeKey key, string revision) =>
        new(key, new ObservedPod($"uid-{key.Role.Word()}-{key.Ordinal}", $"{revision}-{key.Role.Word()}-{key.Ordinal}", PodPhase.Running, true, Now.AddHours(-1)), true);

    private static ObservedCluster RunningAt(string revision, int controllers, int brokers, Func<ObservedNode, ObservedNode>? change = null) =>
        new(DesiredCluster.Create(controllers, brokers, _ => "").Revisions.Keys
            .Select(k => ReadyNode(k, revision)).Select(change ?? (n => n)).ToArray());

    private static ObservedNode NotReady(ObservedNode node) => node with { Pod = node.Pod! with { Ready = false, ReadySince = null } };

    private static GateAnswers AllOpen(DesiredCluster desired) =>
        desired.Revisions.Keys.Concat(Enumerable.Range(0, 10).Select(NodeKey.Broker)).Distinct()
            .Aggregate(GateAnswers.None, (gates, key) => gates
                .With(key, HealthGateQuestion.CanRestart, GateAnswer.Opened())
                .With(key, HealthGateQuestion.IsDrained, GateAnswer.Opened()));

    [Fact]
    public void A_roll_asks_the_gate_before_restarting()
    {
        var desired = Cluster(3, 3, "r2");
        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 3, 3), null, GateAnswers.None, Now);
        Assert.Equal(new AskGate(NodeKey.Controller(2), HealthGateQuestion.CanRestart), decision.Step);
    }

    [Fact]
    public void A_closed_restart_gate_halts_the_roll_with_RollBlocked()
    {
        var desired = Cluster(3, 3, "r2");
        var gates = GateAnswers.None.With(NodeKey.Controller(2), HealthGateQuestion.CanRestart, GateAnswer.Closed("2 under-replicated partitions"));

        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 3, 3), null, gates, Now);

        var blocked = Assert.IsType<Blocked>(decision.Step);
        Assert.Equal(KafkaConditionReasons.RollBlocked, blocked.Reason);
        Assert.Contains("controller 2", blocked.Message);
        Assert.Contains("2 under-replicated partitions", blocked.Message);
    }

    [Fact]
    public void The_metadata_version_is_raised_once_every_node_runs_the_new_version()
    {
        var desired = Cluster(1, 2, "r2") with { MetadataVersion = "4.0-IV3" };
        var observed = RunningAt("r2", 1, 2) with { MetadataVersion = "3.9-IV0" };

        var decision = RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now);

        Assert.Equal(new RaiseMetadataVersion("3.9-IV0", "4.0-IV3"), decision.Step);
    }

    [Fact]
    public void A_raise_Kafka_held_is_blocked_with_its_reason_and_never_counts_as_done()
    {
        var desired = Cluster(1, 2, "r2") with { MetadataVersion = "4.0-IV3" };
        var observed = RunningAt("r2", 1, 2) with { MetadataVersion = "3.9-IV0" };
        var gates = AllOpen(desired).WithMetadataVersionHeld("Kafka refused: node 1 does not support it")
            .With(NodeKey.Broker(0), HealthGateQuestion.CanRestart, GateAnswer.Opened());

        var decision = RolloutDecider.Decide(desired, observed, null, gates, Now);

        var blocked = Assert.IsType<Blocked>(decision.Step);
        Assert.Equal(KafkaConditionReasons.MetadataVersionBlocked, blocked.Reason);
        Assert.Contains("from 3.9-IV0 to 4.0-IV3", blocked.Message);
        Assert.Contains("node 1 does not support it", blocked.Message);
    }

    [Fact]
    public void A_closed_gate_keeps_the_whole_simulated_roll_from_restarting_anything()
    {
        var world = SimulatedWorld.Running(Cluster(3, 3, "r1"));
        var loop = new CoordinatorLoop(world) { Gate = (_, _, _) => GateAnswer.Closed("partitions under-replicated") };

        for (var i = 0; i < 20; i++) loop.Pass(Cluster(3, 3, "r2"));

        Assert.Empty(world.RollDeletions);
        Assert.Equal(20, loop.Blocks.Count);
        Assert.All(loop.Blocks, b => Assert.Equal(KafkaConditionReasons.RollBlocked, b.Reason));

        loop.Gate = (_, _, _) => GateAnswer.Opened();
        loop.RunToCompletion(Cluster(3, 3, "r2"));
        Assert.Equal(6, world.RollDeletions.Count);
    }

    [Fact]
    public void A_closed_drain_gate_halts_scale_in_with_ScaleDownBlocked()
    {
        var world = SimulatedWorld.Running(Cluster(3, 4, "r1"));
        var loop = new CoordinatorLoop(world)
        {
            Gate = (node, question, _) => question == HealthGateQuestion.IsDrained && node == NodeKey.Broker(3)
                ? GateAnswer.Closed("broker 3 still leads 12 partitions")
                : GateAnswer.Opened(),
        };

        for (var i = 0; i < 10; i++) loop.Pass(Cluster(3, 2, "r1"));

        Assert.DoesNotContain(world.Applied, s => s is RemoveNode);
        Assert.All(loop.Blocks, b => Assert.Equal(KafkaConditionReasons.ScaleDownBlocked, b.Reason));
        Assert.Contains("12 partitions", loop.Blocks[0].Message);
        Assert.Contains(loop.GateQuestions, q => q == new AskGate(NodeKey.Broker(3), HealthGateQuestion.IsDrained));
    }

    [Fact]
    public void Unready_nodes_are_rolled_first()
    {
        var desired = Cluster(3, 3, "r2");
        var observed = RunningAt("r1", 3, 3, n => n.Key == NodeKey.Broker(0) ? NotReady(n) : n);

        var decision = RolloutDecider.Decide(desired, observed, null, AllOpen(desired), Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Broker(0), "uid-broker-0", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void A_node_down_on_its_own_uses_up_max_unavailable()
    {
        var desired = Cluster(3, 3, "r2");
        // Broker 0 is down but already at the new revision: nothing to roll there, and no room to take another down.
        var observed = RunningAt("r1", 3, 3, n => n.Key == NodeKey.Broker(0)
            ? NotReady(n with { Pod = n.Pod! with { Revision = desired.Revisions[n.Key] } })
            : n);

        var decision = RolloutDecider.Decide(desired, observed, null, AllOpen(desired), Now);

        var wait = Assert.IsType<Wait>(decision.Step);
        Assert.Equal(WaitReasons.UnavailableBudget, wait.Reason);
        Assert.Contains("maxUnavailable is 1", wait.Message);
    }

    [Fact]
    public void A_larger_max_unavailable_lets_the_roll_go_on_around_a_node_down_on_its_own()
    {
        var desired = Cluster(3, 3, "r2", maxUnavailable: 2);
        var observed = RunningAt("r1", 3, 3, n => n.Key == NodeKey.Broker(0)
            ? NotReady(n with { Pod = n.Pod! with { Revision = desired.Revisions[n.Key] } })
            : n);

        var decision = RolloutDecider.Decide(desired, observed, null, AllOpen(desired), Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Controller(2), "uid-controller-2", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void A_controller_is_not_restarted_when_that_would_lose_the_quorum()
    {
        var desired = Cluster(3, 3, "r2", maxUnavailable: 3);
        var observed = RunningAt("r1", 3, 3, n => n.Key == NodeKey.Controller(0)
            ? NotReady(n with { Pod = n.Pod! with { Revision = desired.Revisions[n.Key] } })
            : n);

        var decision = RolloutDecider.Decide(desired, observed, null, AllOpen(desired), Now);

        Assert.Contains("quorum", Assert.IsType<Wait>(decision.Step).Message);
    }

    [Fact]
    public void A_single_controller_is_still_rolled()
    {
        var desired = Cluster(1, 1, "r2");
        var gates = AllOpen(desired);

        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 1, 1), null, gates, Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Controller(0), "uid-controller-0", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void The_restart_is_written_into_the_operation_before_it_happens()
    {
        var desired = Cluster(3, 3, "r2");

        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 3, 3), null, AllOpen(desired), Now);

        var operation = Assert.IsType<OperationState>(decision.Operation);
        Assert.Equal(OperationKind.Roll, operation.Kind);
        Assert.Equal(new PodDeletion(NodeKey.Controller(2), "uid-controller-2", DeletionCause.Roll, desired.Revisions[NodeKey.Controller(2)]),
            Assert.Single(operation.Deletions));
    }

    [Fact]
    public void After_an_operator_restart_with_a_stale_cache_the_same_pod_is_deleted_again_and_no_other()
    {
        var desired = Cluster(3, 3, "r2");
        var stale = RunningAt("r1", 3, 3);
        var first = RolloutDecider.Decide(desired, stale, null, AllOpen(desired), Now);
        var persisted = JsonSerializer.Deserialize<OperationState>(JsonSerializer.Serialize(first.Operation));

        // The cache still shows controller 2's old pod as Ready; every gate is open.
        var again = RolloutDecider.Decide(desired, stale, persisted, AllOpen(desired), Now.AddSeconds(5));

        Assert.Equal(first.Step, again.Step);
    }

    [Fact]
    public void With_room_for_two_a_stale_cache_still_does_not_start_a_second_restart()
    {
        var desired = Cluster(3, 3, "r2", maxUnavailable: 2);
        var operation = new OperationState(OperationKind.Roll, Now, [new PodDeletion(NodeKey.Controller(2), "uid-controller-2", DeletionCause.Roll, desired.Revisions[NodeKey.Controller(2)])]);

        // The cache still shows controller 2's deleted pod as Ready.
        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 3, 3), operation, AllOpen(desired), Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Controller(2), "uid-controller-2", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void A_stale_cache_showing_an_unready_node_does_not_start_a_second_restart_while_one_is_in_flight()
    {
        var desired = Cluster(3, 3, "r2");
        var operation = new OperationState(OperationKind.Roll, Now, [new PodDeletion(NodeKey.Broker(2), "uid-broker-2", DeletionCause.Roll, desired.Revisions[NodeKey.Broker(2)])]);
        // Controllers are done; the cache still shows broker 2's deleted pod, and broker 0 is down on its own.
        var observed = RunningAt("r1", 3, 3, n => n.Key.Role == NodeRole.Controller
            ? ReadyNode(n.Key, "r2")
            : n.Key == NodeKey.Broker(0) ? NotReady(n) : n);

        var decision = RolloutDecider.Decide(desired, observed, operation, AllOpen(desired), Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Broker(2), "uid-broker-2", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void The_roll_waits_for_the_restarted_node_to_be_ready_before_the_next()
    {
        var desired = Cluster(3, 3, "r2", maxUnavailable: 2);
        var operation = new OperationState(OperationKind.Roll, Now, [new PodDeletion(NodeKey.Controller(2), "uid-controller-2", DeletionCause.Roll, desired.Revisions[NodeKey.Controller(2)])]);
        var observed = RunningAt("r1", 3, 3, n => n.Key == NodeKey.Controller(2)
            ? n with { Pod = new ObservedPod("uid-new", desired.Revisions[n.Key], PodPhase.Running, Ready: false) }
            : n);

        var decision = RolloutDecider.Decide(desired, observed, operation, AllOpen(desired), Now);

        var wait = Assert.IsType<Wait>(decision.Step);
        Assert.Equal(WaitReasons.NodeNotReady, wait.Reason);
        Assert.Contains("controller 2", wait.Message);
    }

    [Fact]
    public void The_operation_state_round_trips_through_json()
    {
        var operation = new OperationState(OperationKind.ScaleIn, Now,
            [new PodDeletion(NodeKey.Broker(4), "uid-1", DeletionCause.ScaleIn), new PodDeletion(NodeKey.Controller(1), "uid-2", DeletionCause.Roll, "abc")]);

        var json = JsonSerializer.Serialize(operation);
        var back = JsonSerializer.Deserialize<OperationState>(json)!;

        Assert.Contains("\"ScaleIn\"", json);
        Assert.Contains("\"Broker\"", json);
        Assert.Equal(operation.Kind, back.Kind);
        Assert.Equal(operation.StartedAt, back.StartedAt);
        Assert.Equal(operation.Deletions, back.Deletions);
    }

    [Fact]
    public void A_stuck_first_controller_gets_the_fixed_template_instead_of_waiting_forever()
    {
        var desired = Cluster(3, 3, "fixed");
        // Start-up stalled: controller 0 was created with a bad template and stays Pending.
        var observed = new ObservedCluster([new ObservedNode(NodeKey.Controller(0), new ObservedPod("uid-c0", "broken", PodPhase.Pending), true)]);
        var operation = new OperationState(OperationKind.StartUp, Now, []);

        var decision = RolloutDecider.Decide(desired, observed, operation, AllOpen(desired), Now);

        Assert.Equal(new DeleteNodePod(NodeKey.Controller(0), "uid-c0", PodDeletionReason.Roll), decision.Step);
    }

    [Fact]
    public void Ordered_start_up_waits_for_the_previous_node_and_says_which()
    {
        var desired = Cluster(3, 3, "r1");
        var observed = new ObservedCluster([new ObservedNode(NodeKey.Controller(0), new ObservedPod("uid-c0", desired.Revisions[NodeKey.Controller(0)], PodPhase.Running), true)]);

        var wait = Assert.IsType<Wait>(RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now).Step);

        Assert.Equal("controller 1 waits for controller 0 to be ready", wait.Message);
    }

    [Fact]
    public void Min_ready_seconds_tells_when_to_look_again()
    {
        var desired = Cluster(1, 1, "r1") with { Rollout = new RolloutPolicy(MinReady: TimeSpan.FromSeconds(30)) };
        var observed = new ObservedCluster([new ObservedNode(NodeKey.Controller(0),
            new ObservedPod("uid-c0", desired.Revisions[NodeKey.Controller(0)], PodPhase.Running, true, Now.AddSeconds(-10)), true)]);

        var wait = Assert.IsType<Wait>(RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now).Step);

        Assert.Equal(TimeSpan.FromSeconds(20), wait.RecheckAfter);
    }

    [Fact]
    public void A_ready_node_inside_min_ready_seconds_is_said_to_be_settling_not_unready()
    {
        var desired = Cluster(3, 3, "r1") with { Rollout = new RolloutPolicy(MinReady: TimeSpan.FromSeconds(30)) };
        var observed = new ObservedCluster([new ObservedNode(NodeKey.Controller(0),
            new ObservedPod("uid-c0", desired.Revisions[NodeKey.Controller(0)], PodPhase.Running, true, Now.AddSeconds(-10)), true)]);

        var wait = Assert.IsType<Wait>(RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now).Step);

        Assert.Equal("controller 1 waits for controller 0 to stay ready for minReadySeconds (20 s left)", wait.Message);
    }

    [Fact]
    public void A_steady_cluster_is_done_and_clears_the_operation()
    {
        var desired = Cluster(3, 3, "r1");
        var decision = RolloutDecider.Decide(desired, RunningAt("r1", 3, 3), new OperationState(OperationKind.Roll, Now, []), GateAnswers.None, Now);
        Assert.IsType<Done>(decision.Step);
        Assert.Null(decision.Operation);
    }

    [Fact]
    public void A_changed_target_mid_roll_forgets_restarts_made_for_the_old_target()
    {
        var operation = new OperationState(OperationKind.Roll, Now, [new PodDeletion(NodeKey.Controller(2), "uid-old", DeletionCause.Roll, "r2-controller-2")]);
        var desired = Cluster(3, 3, "r3");

        var decision = RolloutDecider.Decide(desired, RunningAt("r2", 3, 3), operation, AllOpen(desired), Now);

        Assert.Equal(NodeKey.Controller(2), Assert.IsType<DeleteNodePod>(decision.Step).Node);
        Assert.Equal("r3-controller-2", Assert.Single(decision.Operation!.Deletions).Revision);
    }

    [Fact]
    public void The_config_map_of_a_node_that_left_is_deleted_once_its_pod_is_gone()
    {
        var desired = Cluster(1, 2, "r1");
        var observed = RunningAt("r1", 1, 3, n => n with { HasConfig = true });
        var gone = new ObservedCluster([.. observed.Nodes.Where(n => n.Key != NodeKey.Broker(2)), new ObservedNode(NodeKey.Broker(2), null, true, HasConfig: true)]);

        var decision = RolloutDecider.Decide(desired, gone, null, GateAnswers.None, Now);

        Assert.Equal(new DeleteNodeConfig(NodeKey.Broker(2)), decision.Step);
    }

    [Fact]
    public void The_config_map_of_a_leaving_node_stays_while_its_pod_is_stopping()
    {
        var desired = Cluster(1, 2, "r1");
        var observed = RunningAt("r1", 1, 3, n => n.Key == NodeKey.Broker(2)
            ? n with { HasConfig = true, Pod = n.Pod! with { Terminating = true } }
            : n with { HasConfig = true });

        var decision = RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now);

        Assert.IsType<Wait>(decision.Step);
    }

    [Fact]
    public void A_member_without_a_pod_keeps_its_config_map_and_is_created_again()
    {
        var desired = Cluster(1, 2, "r2");
        var observed = RunningAt("r1", 1, 2, n => n.Key == NodeKey.Broker(1) ? new ObservedNode(n.Key, null, true, HasConfig: true) : n with { HasConfig = true });

        var decision = RolloutDecider.Decide(desired, observed, null, GateAnswers.None, Now);

        Assert.Equal(new CreateNode(NodeKey.Broker(1), "r2-broker-1", CreateVolume: false), decision.Step);
    }

    [Fact]
    public void Shutting_down_deletes_every_config_map_after_the_last_pod_and_before_completing()
    {
        var desired = Cluster(1, 1, "r1") with { Deleting = true };
        var stopped = new ObservedCluster([
            new ObservedNode(NodeKey.Controller(0), null, true, HasConfig: true),
            new ObservedNode(NodeKey.Broker(0), null, true, HasConfig: true)]);

        var first = RolloutDecider.Decide(desired, stopped, null, GateAnswers.None, Now);
        var withoutConfigs = new ObservedCluster([.. stopped.Nodes.Select(n => n with { HasConfig = false })]);
        var last = RolloutDecider.Decide(desired, withoutConfigs, first.Operation, GateAnswers.None, Now);

        Assert.Equal(new DeleteNodeConfig(NodeKey.Broker(0)), first.Step);
        Assert.IsType<ShutDownComplete>(last.Step);
    }
}
