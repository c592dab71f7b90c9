using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;

namespace Actors.Grains.Tests.Manifests;

public class NodeConfigMapTests
{
    private static NodeTemplate Template(NodeKey key, KafkaClusterSpec? spec = null) => Rendered.Plan(spec).Templates[key];

    [Fact]
    public void The_config_map_holds_exactly_the_nodes_rendered_server_properties()
    {
        var template = Template(NodeKey.Broker(1));

        var map = NodeConfigMap.Render(template, Rendered.Owner);

        var properties = Assert.Single(map.Data!);
        Assert.Equal(NodeConfigMap.PropertiesKey, properties.Key);
        Assert.Equal(KafkaNodeConfig.ToPropertiesText(template.Properties), properties.Value);
        Assert.Contains("node.id=1\n", properties.Value);
        Assert.Contains("advertised.listeners=REPLICATION://demo-broker-1.demo-nodes.kafka.svc.cluster.local:9091", properties.Value);
    }

    [Fact]
    public void Each_node_has_a_config_map_of_its_own_named_after_its_pod()
    {
        var plan = Rendered.Plan();

        var maps = plan.Templates.Values.Select(t => NodeConfigMap.Render(t, Rendered.Owner)).ToArray();

        Assert.Equal(plan.Templates.Values.Select(t => $"{t.Identity.PodName}-config").Order(), maps.Select(m => m.Metadata.Name).Order());
        Assert.Contains("node.id=1002\n", maps.Single(m => m.Metadata.Name == "demo-controller-2-config").Data![NodeConfigMap.PropertiesKey]);
        Assert.Equal(maps.Length, maps.Select(m => m.Data![NodeConfigMap.PropertiesKey]).Distinct().Count());
    }

    [Fact]
    public void The_config_map_carries_the_revision_of_the_pod_rendered_from_the_same_template()
    {
        var template = Template(NodeKey.Controller(0));

        var map = NodeConfigMap.Render(template, Rendered.Owner);
        var pod = NodePod.Render(template, Rendered.Owner);

        Assert.Equal(NodePod.RevisionOf(pod), NodeConfigMap.RevisionOf(map));
        Assert.Equal(template.Revision, map.Metadata.Annotations![KafkaAnnotations.Revision]);
    }

    [Fact]
    public void The_config_map_has_the_standard_labels_with_role_and_ordinal_and_is_owned_by_the_cluster()
    {
        var map = NodeConfigMap.Render(Template(NodeKey.Broker(2)), Rendered.Owner);

        Assert.Equal("kafka", map.Metadata.NamespaceProperty);
        Assert.Equal(OperatorLabels.Node(Rendered.Cluster.Node(NodeKey.Broker(2))), map.Metadata.Labels);
        Assert.Equal(NodeKey.Broker(2), OperatorLabels.NodeOf(map.Metadata.Labels));
        var owner = Assert.Single(map.Metadata.OwnerReferences!);
        Assert.Equal(("KafkaCluster", "demo", Rendered.Owner.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
    }

    [Fact]
    public void A_config_change_gives_the_node_a_new_revision_and_new_config_map_content()
    {
        var before = Template(NodeKey.Broker(0));
        var after = Template(NodeKey.Broker(0), Specs.Valid().WithBrokerConfig("log.retention.hours", "24"));

        var oldMap = NodeConfigMap.Render(before, Rendered.Owner);
        var newMap = NodeConfigMap.Render(after, Rendered.Owner);

        Assert.NotEqual(before.Revision, after.Revision);
        Assert.NotEqual(NodeConfigMap.RevisionOf(oldMap), NodeConfigMap.RevisionOf(newMap));
        Assert.DoesNotContain("log.retention.hours", oldMap.Data![NodeConfigMap.PropertiesKey]);
        Assert.Contains("log.retention.hours=24\n", newMap.Data![NodeConfigMap.PropertiesKey]);
    }
}
