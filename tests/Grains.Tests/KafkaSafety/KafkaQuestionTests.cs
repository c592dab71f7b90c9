using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.KafkaSafety;

namespace Actors.Grains.Tests.KafkaSafety;

public class KafkaQuestionTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");
    private static readonly DesiredCluster Desired = DesiredCluster.Create(3, 3, key => $"new-{key}");

    private static ObservedCluster Observed(Func<NodeKey, string> revision, Func<NodeKey, bool>? ready = null) =>
        new([.. Desired.Revisions.Keys.Select(k => new ObservedNode(k, new ObservedPod($"uid-{k}", revision(k), PodPhase.Running, ready?.Invoke(k) ?? true), true))]);

    [Fact]
    public void A_broker_restart_asks_about_the_ISRs_of_its_node_id()
    {
        var ask = KafkaQuestion.For(HealthGateQuestion.CanRestart, Cluster.Node(NodeKey.Broker(2)), Observed(_ => "old"), Desired);

        Assert.Equal(new MayRestartBroker(2), ask);
    }

    [Fact]
    public void A_controller_restart_names_the_controllers_still_at_another_revision_by_node_id()
    {
        var observed = Observed(k => k == NodeKey.Controller(2) ? $"new-{k}" : "old");

        var ask = Assert.IsType<MayRestartController>(KafkaQuestion.For(HealthGateQuestion.CanRestart, Cluster.Node(NodeKey.Controller(1)), observed, Desired));

        Assert.Equal(1001, ask.ControllerId);
        Assert.Equal([1000, 1001], ask.AwaitingRestart);
    }

    [Fact]
    public void A_broker_leaving_asks_whether_it_still_holds_replicas()
    {
        var ask = KafkaQuestion.For(HealthGateQuestion.IsDrained, Cluster.Node(NodeKey.Broker(3)), Observed(_ => "old"), Desired);

        Assert.Equal(new MayRemoveBroker(3), ask);
    }

    [Fact]
    public void A_node_that_is_not_ready_is_restarted_without_asking_Kafka()
    {
        var observed = Observed(_ => "old", ready: k => k != NodeKey.Broker(1));

        var ask = KafkaQuestion.For(HealthGateQuestion.CanRestart, Cluster.Node(NodeKey.Broker(1)), observed, Desired);

        Assert.Contains("broker 1 is not ready", Assert.IsType<NoKafkaQuestion>(ask).Reason);
    }

    [Fact]
    public void A_lone_controller_restarts_on_readiness_alone_as_the_spec_chose()
    {
        var single = DesiredCluster.Create(1, 3, key => $"new-{key}");
        var observed = new ObservedCluster([.. single.Revisions.Keys.Select(k => new ObservedNode(k, new ObservedPod($"uid-{k}", "old", PodPhase.Running, true), true))]);

        var ask = KafkaQuestion.For(HealthGateQuestion.CanRestart, Cluster.Node(NodeKey.Controller(0)), observed, single);

        Assert.Contains("the only controller", Assert.IsType<NoKafkaQuestion>(ask).Reason);
    }

    [Fact]
    public void A_leaving_controller_holds_no_replicas_to_ask_about()
    {
        var ask = KafkaQuestion.For(HealthGateQuestion.IsDrained, Cluster.Node(NodeKey.Controller(2)), Observed(_ => "old"), Desired);

        Assert.IsType<NoKafkaQuestion>(ask);
    }
}
