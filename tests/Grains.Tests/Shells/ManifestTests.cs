using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;

namespace Actors.Grains.Tests.Shells;

public sealed class ManifestTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");
    private static readonly ClusterOwner Owner = new("demo", "uid-1");

    private static ClusterPlan Plan(string? restartAt = null) => ClusterPlan.From(Cluster, new KafkaClusterSpec
    {
        Version = "3.9.0",
        Controllers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "1Gi" } },
        Brokers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "10Gi", StorageClassName = "fast" } },
    }, KafkaClusterId.From(Guid.Empty), restartAt is null ? null : new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = restartAt });

    [Fact]
    public void A_pod_carries_its_nodes_sticky_name_dns_volume_and_revision()
    {
        var template = Plan().Templates[NodeKey.Broker(2)];

        var pod = NodePod.Render(template, Owner);

        Assert.Equal("demo-broker-2", pod.Metadata.Name);
        Assert.Equal("demo-broker-2", pod.Spec!.Hostname);
        Assert.Equal("demo-nodes", pod.Spec.Subdomain);
        Assert.Equal("data-demo-broker-2", pod.Spec.Volumes!.Single(v => v.Name == NodePod.DataVolume).PersistentVolumeClaim!.ClaimName);
        Assert.Equal(template.Revision, pod.Metadata.Annotations![KafkaAnnotations.Revision]);
        Assert.Equal(template.ClusterId, pod.Spec.Containers[0].Env!.Single(e => e.Name == "CLUSTER_ID").Value);
        Assert.Equal("apache/kafka:3.9.0", pod.Spec.Containers[0].Image);
        Assert.Equal(NodeKey.Broker(2), OperatorLabels.NodeOf(pod.Metadata.Labels));
        Assert.Equal("uid-1", Assert.Single(pod.Metadata.OwnerReferences!).Uid);
        Assert.Equal("demo-broker-2-config", pod.Spec.Volumes!.Single(v => v.Name == NodePod.ConfigVolume).ConfigMap!.Name);
    }

    [Fact]
    public void The_restart_at_annotation_gives_every_pod_a_new_revision()
    {
        var before = Plan().Templates;
        var after = Plan(restartAt: "2026-11-22T01:00:00Z").Templates;

        Assert.All(before.Keys, key => Assert.NotEqual(before[key].Revision, after[key].Revision));
    }

    [Fact]
    public void A_volume_has_no_owner_so_deleting_the_cluster_never_collects_its_data()
    {
        var volume = NodeVolume.Render(Cluster.Node(NodeKey.Broker(1)), new StorageSpec { Size = "10Gi", StorageClassName = "fast" });

        Assert.Equal("data-demo-broker-1", volume.Metadata.Name);
        Assert.Null(volume.Metadata.OwnerReferences);
        Assert.Equal("10Gi", volume.Spec!.Resources!.Requests!["storage"]);
        Assert.Equal("fast", volume.Spec.StorageClassName);
        Assert.Equal(NodeKey.Broker(1), OperatorLabels.NodeOf(volume.Metadata.Labels));
    }

    [Fact]
    public void The_headless_service_publishes_not_ready_addresses_so_controllers_find_each_other_before_ready()
    {
        var spec = new KafkaClusterSpec();

        var headless = ClusterServices.Headless(Cluster, spec, Owner);
        var bootstrap = ClusterServices.Bootstrap(Cluster, spec, Owner);

        Assert.Equal("None", headless.Spec!.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        Assert.Contains(headless.Spec.Ports!, p => p.Port == 9093);
        Assert.Equal("broker", bootstrap.Spec!.Selector![KafkaLabels.Role]);
        Assert.Equal([9092], bootstrap.Spec.Ports!.Select(p => p.Port));
    }

    [Fact]
    public void The_disruption_budget_allows_what_the_rollout_allows()
    {
        var budget = ClusterDisruptionBudget.Render(Cluster, maxUnavailable: 2, Owner);

        Assert.Equal(2, budget.Spec!.MaxUnavailable!.ToInt());
        Assert.Equal("demo", budget.Spec.Selector!.MatchLabels![KafkaLabels.Instance]);
    }
}
