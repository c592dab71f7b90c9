using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;

namespace Actors.Grains.Tests.Rendering;

public class KafkaNodeConfigTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    private static ServerProperties Render(NodeKey key, KafkaClusterSpec? spec = null) =>
        KafkaNodeConfig.Render(Cluster.Node(key), spec ?? Specs.Valid());

    [Fact]
    public void Quorum_voters_name_every_controller_by_node_id_and_stable_dns() =>
        Assert.Equal(
            "1000@demo-controller-0.demo-nodes.kafka.svc.cluster.local:9093," +
            "1001@demo-controller-1.demo-nodes.kafka.svc.cluster.local:9093," +
            "1002@demo-controller-2.demo-nodes.kafka.svc.cluster.local:9093",
            Render(NodeKey.Broker(0))["controller.quorum.voters"]);

    [Fact]
    public void Brokers_and_controllers_see_the_same_voters() =>
        Assert.Equal(Render(NodeKey.Broker(1))["controller.quorum.voters"], Render(NodeKey.Controller(2))["controller.quorum.voters"]);

    [Fact]
    public void A_broker_gets_its_role_id_listeners_and_advertised_dns()
    {
        var config = Render(NodeKey.Broker(2));
        Assert.Equal("broker", config["process.roles"]);
        Assert.Equal("2", config["node.id"]);
        Assert.Equal("REPLICATION://:9091,PLAIN://:9092", config["listeners"]);
        Assert.Equal(
            "REPLICATION://demo-broker-2.demo-nodes.kafka.svc.cluster.local:9091,PLAIN://demo-broker-2.demo-nodes.kafka.svc.cluster.local:9092",
            config["advertised.listeners"]);
        Assert.Equal("CONTROLLER:PLAINTEXT,REPLICATION:PLAINTEXT,PLAIN:PLAINTEXT", config["listener.security.protocol.map"]);
        Assert.Equal("REPLICATION", config["inter.broker.listener.name"]);
        Assert.Equal("CONTROLLER", config["controller.listener.names"]);
        Assert.Equal("/var/lib/kafka/data/kafka-logs", config["log.dirs"]);
    }

    [Fact]
    public void A_controller_listens_only_on_the_controller_listener()
    {
        var config = Render(NodeKey.Controller(1));
        Assert.Equal("controller", config["process.roles"]);
        Assert.Equal("1001", config["node.id"]);
        Assert.Equal("CONTROLLER://:9093", config["listeners"]);
        Assert.Equal("CONTROLLER:PLAINTEXT", config["listener.security.protocol.map"]);
        Assert.False(config.ContainsKey("advertised.listeners"));
        Assert.False(config.ContainsKey("inter.broker.listener.name"));
    }

    [Fact]
    public void User_listeners_replace_the_default_one()
    {
        var spec = Specs.Valid() with { Listeners = [new ListenerSpec { Name = "clients", Port = 29092 }] };
        Assert.Equal("REPLICATION://:9091,CLIENTS://:29092", Render(NodeKey.Broker(0), spec)["listeners"]);
    }

    [Fact]
    public void Overrides_come_after_the_operator_properties_sorted_by_key()
    {
        var keys = Render(NodeKey.Broker(0)).Keys.ToArray();
        Assert.Equal(["process.roles", "node.id", "controller.quorum.voters"], keys[..3]);
        Assert.Equal(["default.replication.factor", "num.partitions"], keys[^2..]);
    }

    [Fact]
    public void Broker_overrides_do_not_reach_controllers() =>
        Assert.False(Render(NodeKey.Controller(0)).ContainsKey("num.partitions"));

    [Fact]
    public void The_properties_file_has_one_line_per_property_in_order()
    {
        var text = KafkaNodeConfig.ToPropertiesText(Render(NodeKey.Controller(0)));
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("process.roles=controller", lines[0]);
        Assert.Equal("node.id=1000", lines[1]);
        Assert.Equal(Render(NodeKey.Controller(0)).Count, lines.Length);
    }

    [Fact]
    public void Properties_text_escapes_backslashes_and_newlines() =>
        Assert.Equal("a.b=C:\\\\dir\\nnext\n", KafkaNodeConfig.ToPropertiesText([new("a.b", "C:\\dir\nnext")]));
}
