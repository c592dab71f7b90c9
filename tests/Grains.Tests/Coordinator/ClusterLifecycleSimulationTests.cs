using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>Whole operations run by the decision in a loop against a simulated world.</summary>
public class ClusterLifecycleSimulationTests
{
    private static DesiredCluster Cluster(int controllers, int brokers, string revision = "r1", RolloutPolicy? rollout = null,
        VolumeRetention whenScaled = VolumeRetention.Retain, VolumeRetention whenDeleted = VolumeRetention.Retain) =>
        DesiredCluster.Create(controllers, brokers, key => $"{revision}-{key.Role.Word()}-{key.Ordinal}") with
        {
            Rollout = rollout ?? new RolloutPolicy(),
            WhenScaled = whenScaled,
            WhenDeleted = whenDeleted,
        };

    private static NodeKey[] Created(SimulatedWorld world) => world.Applied.OfType<CreateNode>().Select(c => c.Node).ToArray();

    [Fact]
    public void Ordered_start_up_of_three_controllers_and_three_brokers_completes_in_order()
    {
        var world = new SimulatedWorld();
        var loop = new CoordinatorLoop(world);
        var desired = Cluster(3, 3);

        loop.RunToCompletion(desired);

        Assert.Equal(
            [NodeKey.Controller(0), NodeKey.Controller(1), NodeKey.Controller(2), NodeKey.Broker(0), NodeKey.Broker(1), NodeKey.Broker(2)],
            Created(world));
        Assert.All(world.Creations, c => Assert.True(c.PredecessorsReady, $"{c.Node} created before its predecessors were ready"));
        Assert.All(desired.Revisions, p => Assert.True(world.IsAvailable(p.Key, TimeSpan.Zero)));
        Assert.All(desired.Revisions.Keys, k => Assert.True(world.HasVolume(k)));
        Assert.Empty(world.Violations);
        Assert.Null(loop.Operation);
    }

    [Fact]
    public void Ordered_start_up_waits_min_ready_seconds_between_nodes()
    {
        var world = new SimulatedWorld();
        var loop = new CoordinatorLoop(world);
        var desired = Cluster(1, 1, rollout: new RolloutPolicy(MinReady: TimeSpan.FromSeconds(10)));

        loop.Pass(desired); // controller 0 created
        while (!world.IsAvailable(NodeKey.Controller(0), TimeSpan.Zero)) loop.Pass(desired);
        var readyAt = world.Now;
        while (!world.HasPod(NodeKey.Broker(0))) loop.Pass(desired);

        Assert.True(world.Now - readyAt >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Parallel_start_up_creates_every_node_before_any_is_ready()
    {
        var world = new SimulatedWorld();
        var loop = new CoordinatorLoop(world);
        var desired = Cluster(3, 3, rollout: new RolloutPolicy(PodManagement: PodManagementPolicy.Parallel));

        for (var i = 0; i < 6; i++) Assert.IsType<CreateNode>(loop.Pass(desired));

        Assert.Equal(6, world.Pods.Count());
        Assert.DoesNotContain(world.Creations, c => c.PredecessorsReady && c.Node != NodeKey.Controller(0));
        loop.RunToCompletion(desired);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void Scaling_three_to_five_to_two_adds_in_order_and_removes_highest_first_one_at_a_time()
    {
        var desired = Cluster(3, 3, whenScaled: VolumeRetention.Delete);
        var world = SimulatedWorld.Running(desired);
        var loop = new CoordinatorLoop(world);

        loop.RunToCompletion(Cluster(3, 5, whenScaled: VolumeRetention.Delete));
        Assert.Equal([NodeKey.Broker(3), NodeKey.Broker(4)], Created(world));
        Assert.All(world.Creations, c => Assert.True(c.PredecessorsReady));

        var stepsBefore = world.Applied.Count;
        var two = Cluster(3, 2, whenScaled: VolumeRetention.Delete);
        var removed = new List<NodeKey>();
        for (var pass = 0; pass < 200 && loop.Pass(two) is not Done; pass++)
        {
            if (world.Applied[^1] is not RemoveNode removal || removed.Contains(removal.Node)) continue;
            Assert.All(removed, earlier => Assert.False(world.HasPod(earlier), $"{removal.Node} removed while {earlier} was still stopping"));
            removed.Add(removal.Node);
        }

        var scaleIn = world.Applied.Skip(stepsBefore).ToArray();
        Assert.Equal([NodeKey.Broker(4), NodeKey.Broker(3), NodeKey.Broker(2)], removed);
        Assert.Equal([NodeKey.Broker(4), NodeKey.Broker(3), NodeKey.Broker(2)], scaleIn.OfType<DeletePvc>().Select(r => r.Node));
        Assert.False(world.HasVolume(NodeKey.Broker(2)));
        Assert.Equal(5, world.Pods.Count());
        Assert.Equal(world.Pods.Select(k => k.ToString()).Order(), world.Configs.Select(k => k.ToString()).Order());
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void Scale_in_keeps_volumes_when_the_policy_is_retain()
    {
        var world = SimulatedWorld.Running(Cluster(3, 4));
        var loop = new CoordinatorLoop(world);

        loop.RunToCompletion(Cluster(3, 2));

        Assert.DoesNotContain(world.Applied, s => s is DeletePvc);
        Assert.True(world.HasVolume(NodeKey.Broker(3)));
        Assert.False(world.HasPod(NodeKey.Broker(3)));
        Assert.Equal([NodeKey.Broker(3), NodeKey.Broker(2)], world.Applied.OfType<DeleteNodeConfig>().Select(c => c.Node));
        Assert.Null(world.ConfigRevisionOf(NodeKey.Broker(3)));
    }

    [Fact]
    public void Scaling_back_out_reattaches_retained_volumes()
    {
        var world = SimulatedWorld.Running(Cluster(3, 4));
        var loop = new CoordinatorLoop(world);
        loop.RunToCompletion(Cluster(3, 2));

        loop.RunToCompletion(Cluster(3, 4));

        var creations = world.Applied.OfType<CreateNode>().ToArray();
        Assert.Equal([NodeKey.Broker(2), NodeKey.Broker(3)], creations.Select(c => c.Node));
        Assert.All(creations, c => Assert.False(c.CreateVolume));
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void A_roll_restarts_every_node_once_controllers_first_highest_ordinal_first()
    {
        var world = SimulatedWorld.Running(Cluster(3, 3, "r1"));
        var loop = new CoordinatorLoop(world);
        var desired = Cluster(3, 3, "r2");
        var maxUnavailable = 0;

        for (var pass = 0; pass < 300 && loop.Pass(desired) is not Done; pass++)
            maxUnavailable = Math.Max(maxUnavailable, world.Unavailable(desired));

        Assert.Equal(
            [NodeKey.Controller(2), NodeKey.Controller(1), NodeKey.Controller(0), NodeKey.Broker(2), NodeKey.Broker(1), NodeKey.Broker(0)],
            world.RollDeletions.Select(d => d.Node));
        Assert.Equal(1, maxUnavailable);
        Assert.All(desired.Revisions, p => Assert.Equal(p.Value, world.RevisionOf(p.Key)));
        Assert.All(desired.Revisions.Keys, k => Assert.True(world.HasVolume(k)));
        Assert.DoesNotContain(world.Applied.OfType<CreateNode>(), c => c.CreateVolume);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void The_active_controller_is_restarted_last()
    {
        var world = SimulatedWorld.Running(Cluster(3, 1, "r1"));
        world.ActiveController = NodeKey.Controller(2);
        var loop = new CoordinatorLoop(world);

        loop.RunToCompletion(Cluster(3, 1, "r2"));

        Assert.Equal([NodeKey.Controller(1), NodeKey.Controller(0), NodeKey.Controller(2), NodeKey.Broker(0)],
            world.RollDeletions.Select(d => d.Node));
    }

    [Fact]
    public void A_version_upgrade_raises_the_metadata_version_only_after_every_node_rolled()
    {
        var world = SimulatedWorld.Running(Cluster(3, 3, "v39") with { MetadataVersion = "3.9-IV0" });
        world.MetadataVersion = "3.9-IV0";
        var loop = new CoordinatorLoop(world);
        var upgraded = Cluster(3, 3, "v40") with { MetadataVersion = "4.0-IV3" };

        loop.RunToCompletion(upgraded);

        Assert.Equal("4.0-IV3", world.MetadataVersion);
        var raise = world.Applied.FindIndex(s => s is RaiseMetadataVersion);
        Assert.Equal(world.Applied.Count - 1, raise);
        Assert.Equal(6, world.RollDeletions.Count);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void A_deleted_pod_is_recreated_with_its_identity_and_volume()
    {
        var desired = Cluster(3, 3);
        var world = SimulatedWorld.Running(desired);
        var loop = new CoordinatorLoop(world);
        var oldUid = world.UidOf(NodeKey.Broker(1));

        world.DeletePodOutOfBand(NodeKey.Broker(1));
        loop.RunToCompletion(desired);

        var create = Assert.Single(world.Applied.OfType<CreateNode>());
        Assert.Equal(new CreateNode(NodeKey.Broker(1), desired.Revisions[NodeKey.Broker(1)], CreateVolume: false), create);
        Assert.NotEqual(oldUid, world.UidOf(NodeKey.Broker(1)));
    }

    [Fact]
    public void A_failed_pod_is_replaced_with_the_same_identity()
    {
        var desired = Cluster(3, 3);
        var world = SimulatedWorld.Running(desired);
        var loop = new CoordinatorLoop(world);

        world.MarkFailed(NodeKey.Controller(1));
        loop.RunToCompletion(desired);

        Assert.Equal(PodDeletionReason.ReplaceFailed, Assert.Single(world.Applied.OfType<DeleteNodePod>()).Reason);
        Assert.Equal(NodeKey.Controller(1), Assert.Single(world.Applied.OfType<CreateNode>()).Node);
        Assert.True(world.IsAvailable(NodeKey.Controller(1), TimeSpan.Zero));
    }

    [Fact]
    public void Deleting_the_cluster_stops_brokers_then_controllers_highest_first_and_keeps_volumes()
    {
        var desired = Cluster(3, 3);
        var world = SimulatedWorld.Running(desired);
        var loop = new CoordinatorLoop(world);

        loop.RunToCompletion(desired with { Deleting = true });

        Assert.Equal(
            [NodeKey.Broker(2), NodeKey.Broker(1), NodeKey.Broker(0), NodeKey.Controller(2), NodeKey.Controller(1), NodeKey.Controller(0)],
            world.Applied.OfType<RemoveNode>().Select(r => r.Node));
        Assert.Empty(world.Pods);
        Assert.Empty(world.Configs);
        Assert.Equal(6, world.Volumes.Count());
        Assert.DoesNotContain(world.Applied, s => s is DeletePvc);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void Deleting_the_cluster_deletes_volumes_after_the_pods_when_the_policy_says_so()
    {
        var desired = Cluster(1, 2, whenDeleted: VolumeRetention.Delete);
        var world = SimulatedWorld.Running(desired);
        var loop = new CoordinatorLoop(world);

        loop.RunToCompletion(desired with { Deleting = true });

        Assert.Empty(world.Volumes);
        var lastRemoval = world.Applied.FindLastIndex(s => s is RemoveNode);
        var firstVolume = world.Applied.FindIndex(s => s is DeletePvc);
        Assert.True(lastRemoval < firstVolume);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public void A_paused_cluster_is_left_alone_but_can_still_be_deleted()
    {
        var world = new SimulatedWorld();
        var loop = new CoordinatorLoop(world);
        var paused = Cluster(3, 3) with { Paused = true };

        for (var i = 0; i < 5; i++) Assert.IsType<Paused>(loop.Pass(paused));
        Assert.Empty(world.Applied);

        var running = SimulatedWorld.Running(Cluster(1, 1));
        new CoordinatorLoop(running).RunToCompletion(Cluster(1, 1) with { Paused = true, Deleting = true });
        Assert.Empty(running.Pods);
    }
}
