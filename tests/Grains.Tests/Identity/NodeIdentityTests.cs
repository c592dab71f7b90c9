using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Identity;

public class NodeIdentityTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    [Fact]
    public void Pod_name_is_cluster_role_ordinal()
    {
        Assert.Equal("demo-broker-2", Cluster.Node(NodeKey.Broker(2)).PodName);
        Assert.Equal("demo-controller-0", Cluster.Node(NodeKey.Controller(0)).PodName);
    }

    [Fact]
    public void Volume_name_is_data_and_the_pod_name() =>
        Assert.Equal("data-demo-broker-2", Cluster.Node(NodeKey.Broker(2)).PvcName);

    [Fact]
    public void Dns_name_is_under_the_headless_service() =>
        Assert.Equal("demo-controller-1.demo-nodes.kafka.svc.cluster.local", Cluster.Node(NodeKey.Controller(1)).Host());

    [Fact]
    public void Broker_node_id_is_its_ordinal() => Assert.Equal(7, Cluster.Node(NodeKey.Broker(7)).NodeId);

    [Fact]
    public void Node_ids_of_brokers_and_controllers_never_collide()
    {
        var ids = Enumerable.Range(0, NodeIdentity.MaxBrokers).Select(n => Cluster.Node(NodeKey.Broker(n)).NodeId)
            .Concat(Enumerable.Range(0, 9).Select(n => Cluster.Node(NodeKey.Controller(n)).NodeId))
            .ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void The_same_identity_always_gives_the_same_names()
    {
        var first = new ClusterIdentity("kafka", "demo").Node(NodeKey.Broker(4));
        var again = new ClusterIdentity("kafka", "demo").Node(NodeKey.Broker(4));
        Assert.Equal(first, again);
        Assert.Equal((first.PodName, first.PvcName, first.NodeId, first.Host()), (again.PodName, again.PvcName, again.NodeId, again.Host()));
    }

    [Fact]
    public void Derived_names_of_the_longest_cluster_name_stay_valid_dns_labels()
    {
        var cluster = new ClusterIdentity("kafka", new string('a', ClusterIdentity.MaxNameLength));
        var names = new[]
        {
            cluster.Node(NodeKey.Controller(8)).PodName, cluster.Node(NodeKey.Broker(999)).PodName,
            cluster.Node(NodeKey.Broker(999)).PvcName, cluster.HeadlessServiceName, cluster.BootstrapServiceName,
        };
        Assert.All(names, name => Assert.InRange(name.Length, 1, 63));
    }

    [Fact]
    public void Start_order_is_controllers_then_brokers_by_ordinal()
    {
        var keys = new[] { NodeKey.Broker(1), NodeKey.Controller(2), NodeKey.Broker(0), NodeKey.Controller(0) };
        Assert.Equal([NodeKey.Controller(0), NodeKey.Controller(2), NodeKey.Broker(0), NodeKey.Broker(1)],
            keys.Order(Comparer<NodeKey>.Create(NodeKey.CompareStartOrder)));
    }

    [Fact]
    public void Grain_keys_include_role_and_ordinal() =>
        Assert.Equal("kafka/demo/controller-1", Cluster.Node(NodeKey.Controller(1)).GrainKey);
}
