using Actors.Grains.Broker;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;

namespace Actors.Grains.Tests.Shells;

public sealed class CoordinatorWordsTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    [Fact]
    public void A_roll_event_names_the_node_both_revisions_and_its_place_in_the_roll()
    {
        var desired = DesiredCluster.Create(0, 3, _ => "9c1e000000");
        var observed = new ObservedCluster([.. Enumerable.Range(0, 3).Select(n =>
            new ObservedNode(NodeKey.Broker(n), new ObservedPod($"uid-{n}", "7f3a000000", PodPhase.Running, true), true))]);
        var plan = new CoordinatorPlan(Cluster, new ClusterOwner("demo", "uid"), desired, new Dictionary<NodeKey, NodeTemplate>(), null);
        var decision = new RolloutDecision(new DeleteNodePod(NodeKey.Broker(2), "uid-2", PodDeletionReason.Roll),
            new OperationState(OperationKind.Roll, DateTimeOffset.UnixEpoch, [new PodDeletion(NodeKey.Broker(2), "uid-2", DeletionCause.Roll, "9c1e000000")]));

        var (reason, message) = CoordinatorGrain.Words(plan, observed, decision);

        Assert.Equal("RollingNode", reason);
        Assert.Equal("Rolling kafka/demo broker 2: revision 7f3a → 9c1e (1 of 3)", message);
    }

    [Theory]
    [InlineData("kafka/demo/broker-2", NodeRole.Broker, 2)]
    [InlineData("team-a/big-cluster/controller-0", NodeRole.Controller, 0)]
    public void A_node_grain_key_reads_back_into_the_same_identity(string key, NodeRole role, int ordinal)
    {
        var node = NodeGrainKey.Parse(key);

        Assert.Equal(new NodeKey(role, ordinal), node.Key);
        Assert.Equal(key, node.GrainKey);
    }

    [Theory]
    [InlineData("kafka/demo")]
    [InlineData("kafka/demo/zookeeper-1")]
    [InlineData("kafka/demo/broker-x")]
    public void A_malformed_node_grain_key_is_refused(string key) =>
        Assert.Throws<FormatException>(() => NodeGrainKey.Parse(key));
}
