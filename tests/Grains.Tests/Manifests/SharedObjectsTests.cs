using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using k8s;
using k8s.Models;

namespace Actors.Grains.Tests.Manifests;

public class SharedObjectsTests
{
    private static void AssertStandard(IKubernetesObject<V1ObjectMeta> resource, string component, bool owned = true)
    {
        var labels = resource.Metadata.Labels!;
        Assert.Equal("kafka", labels[KafkaLabels.Name]);
        Assert.Equal("demo", labels[KafkaLabels.Instance]);
        Assert.Equal(component, labels[KafkaLabels.Component]);
        Assert.Equal("actors-operator", labels[KafkaLabels.ManagedBy]);
        Assert.Equal("kafka", resource.Metadata.NamespaceProperty);
        if (owned) Assert.Equal(Rendered.Owner.Uid, Assert.Single(resource.Metadata.OwnerReferences!).Uid);
    }

    [Fact]
    public void The_headless_service_publishes_not_ready_nodes_so_the_quorum_can_form()
    {
        var service = ClusterServices.Headless(Rendered.Cluster, Specs.Valid(), Rendered.Owner);
        Assert.Equal("demo-nodes", service.Metadata.Name);
        Assert.Equal("None", service.Spec!.ClusterIP);
        Assert.True(service.Spec.PublishNotReadyAddresses);
        Assert.Equal([9093, 9091, 9092], service.Spec.Ports!.Select(p => p.Port));
        AssertStandard(service, "nodes");
    }

    [Fact]
    public void The_headless_service_selects_every_node_and_nothing_else()
    {
        var selector = ClusterServices.Headless(Rendered.Cluster, Specs.Valid(), Rendered.Owner).Spec!.Selector!;
        var broker = OperatorLabels.Node(Rendered.Cluster.Node(NodeKey.Broker(0)));
        var controller = OperatorLabels.Node(Rendered.Cluster.Node(NodeKey.Controller(0)));
        var otherCluster = OperatorLabels.Node(new ClusterIdentity("kafka", "other").Node(NodeKey.Broker(0)));
        Assert.All(selector, p => Assert.Equal(p.Value, broker[p.Key]));
        Assert.All(selector, p => Assert.Equal(p.Value, controller[p.Key]));
        Assert.Contains(selector, p => otherCluster[p.Key] != p.Value);
    }

    [Fact]
    public void The_bootstrap_service_reaches_brokers_on_client_listeners_only()
    {
        var spec = Specs.Valid() with { Listeners = [new ListenerSpec { Name = "plain", Port = 9092 }, new ListenerSpec { Name = "apps", Port = 19092 }] };
        var service = ClusterServices.Bootstrap(Rendered.Cluster, spec, Rendered.Owner);
        Assert.Equal("demo-bootstrap", service.Metadata.Name);
        Assert.Equal("broker", service.Spec!.Selector![KafkaLabels.Role]);
        Assert.Equal([("plain", 9092), ("apps", 19092)], service.Spec.Ports!.Select(p => (p.Name!, p.Port)));
        Assert.NotEqual(true, service.Spec.PublishNotReadyAddresses);
        AssertStandard(service, "bootstrap");
    }

    [Fact]
    public void The_disruption_budget_allows_what_the_rollout_allows()
    {
        var budget = ClusterDisruptionBudget.Render(Rendered.Cluster, 2, Rendered.Owner);
        Assert.Equal(2, budget.Spec!.MaxUnavailable!.ToInt());
        Assert.Equal(OperatorLabels.NodeSelector(Rendered.Cluster), budget.Spec.Selector!.MatchLabels);
        AssertStandard(budget, "nodes");
    }

    [Fact]
    public void The_volume_has_the_sticky_name_size_and_class_but_no_owner()
    {
        var node = Rendered.Cluster.Node(NodeKey.Broker(2));
        var claim = NodeVolume.Render(node, new StorageSpec { Size = "100Gi", StorageClassName = "fast" });
        Assert.Equal("data-demo-broker-2", claim.Metadata.Name);
        Assert.Equal("100Gi", claim.Spec!.Resources!.Requests!["storage"].ToString());
        Assert.Equal("fast", claim.Spec.StorageClassName);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes!);
        Assert.Null(claim.Metadata.OwnerReferences);
        Assert.Equal("2", claim.Metadata.Labels![KafkaLabels.Ordinal]);
        AssertStandard(claim, "broker", owned: false);
    }

    [Fact]
    public void Labels_lead_back_to_the_node()
    {
        var node = Rendered.Cluster.Node(NodeKey.Controller(4));
        Assert.Equal(NodeKey.Controller(4), OperatorLabels.NodeOf(OperatorLabels.Node(node)));
        Assert.Null(OperatorLabels.NodeOf(new Dictionary<string, string> { [KafkaLabels.Role] = "zookeeper", [KafkaLabels.Ordinal] = "1" }));
    }
}
