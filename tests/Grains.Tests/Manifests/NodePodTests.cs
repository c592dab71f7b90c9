using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;
using k8s;
using k8s.Models;

namespace Actors.Grains.Tests.Manifests;

public class NodePodTests
{
    private static V1Pod Render(NodeKey key, KafkaClusterSpec? spec = null) => NodePod.Render(Rendered.Plan(spec).Templates[key], Rendered.Owner);

    private static V1Container Kafka(V1Pod pod) => Assert.Single(pod.Spec!.Containers);

    [Fact]
    public void The_pod_has_the_sticky_name_and_a_dns_name_under_the_headless_service()
    {
        var pod = Render(NodeKey.Broker(2));
        Assert.Equal("demo-broker-2", pod.Metadata.Name);
        Assert.Equal("kafka", pod.Metadata.NamespaceProperty);
        Assert.Equal("demo-broker-2", pod.Spec!.Hostname);
        Assert.Equal("demo-nodes", pod.Spec.Subdomain);
    }

    [Fact]
    public void The_pod_carries_the_standard_labels_with_role_and_ordinal()
    {
        var labels = Render(NodeKey.Controller(1)).Metadata.Labels!;
        Assert.Equal("kafka", labels["app.kubernetes.io/name"]);
        Assert.Equal("demo", labels["app.kubernetes.io/instance"]);
        Assert.Equal("controller", labels["app.kubernetes.io/component"]);
        Assert.Equal("actors-operator", labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("controller", labels["kafka.actors.dev/role"]);
        Assert.Equal("1", labels["kafka.actors.dev/ordinal"]);
    }

    [Fact]
    public void The_pod_is_owned_by_the_cluster()
    {
        var owner = Assert.Single(Render(NodeKey.Broker(0)).Metadata.OwnerReferences!);
        Assert.Equal(("kafka.actors.dev/v1alpha1", "KafkaCluster", "demo", Rendered.Owner.Uid, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
    }

    [Fact]
    public void The_revision_annotation_is_the_hash_of_the_template()
    {
        var template = Rendered.Plan().Templates[NodeKey.Broker(1)];
        var pod = NodePod.Render(template, Rendered.Owner);
        Assert.Equal(template.Revision, pod.Metadata.Annotations![KafkaAnnotations.Revision]);
        Assert.Equal(template.Revision, NodePod.RevisionOf(pod));
    }

    [Fact]
    public void The_pod_mounts_its_own_volume_where_log_dirs_points()
    {
        var pod = Render(NodeKey.Broker(1));
        var data = Assert.Single(pod.Spec!.Volumes!, v => v.PersistentVolumeClaim is not null);
        Assert.Equal("data-demo-broker-1", data.PersistentVolumeClaim!.ClaimName);
        var mount = Assert.Single(Kafka(pod).VolumeMounts!, m => m.Name == data.Name);
        Assert.StartsWith(mount.MountPath, KafkaNodeConfig.LogDirs);
    }

    [Fact]
    public void The_pod_mounts_its_own_config_map_as_server_properties()
    {
        var pod = Render(NodeKey.Controller(2));
        var config = Assert.Single(pod.Spec!.Volumes!, v => v.ConfigMap is not null);
        Assert.Equal("demo-controller-2-config", config.ConfigMap!.Name);
        var item = Assert.Single(config.ConfigMap.Items!);
        Assert.Equal((NodeConfigMap.PropertiesKey, "server.properties"), (item.Key, item.Path));
        var mount = Assert.Single(Kafka(pod).VolumeMounts!, m => m.Name == config.Name);
        Assert.Equal((NodePod.ConfigMountPath, true), (mount.MountPath, mount.ReadOnlyProperty == true));
    }

    [Fact]
    public void The_pod_runs_the_version_image_and_formats_with_the_cluster_id()
    {
        var kafka = Kafka(Render(NodeKey.Broker(0)));
        Assert.Equal("apache/kafka:3.9.0", kafka.Image);
        Assert.Contains(kafka.Env!, e => e.Name == "CLUSTER_ID" && e.Value == Rendered.ClusterId);
        Assert.Contains(kafka.Env!, e => e.Name == "KAFKA_NODE_ID" && e.Value == "0");
    }

    [Fact]
    public void An_image_override_is_used_as_is() =>
        Assert.Equal("registry.local/kafka:3.9.0-patched", Kafka(Render(NodeKey.Broker(0), Specs.Valid() with { Image = "registry.local/kafka:3.9.0-patched" })).Image);

    [Fact]
    public void The_pod_runs_as_non_root_without_privileges()
    {
        var pod = Render(NodeKey.Broker(0));
        Assert.True(pod.Spec!.SecurityContext!.RunAsNonRoot);
        Assert.NotEqual(0, pod.Spec.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile!.Type);
        var container = Kafka(pod).SecurityContext!;
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities!.Drop!);
    }

    [Fact]
    public void The_pod_gets_the_resources_of_its_role()
    {
        var resources = Kafka(Render(NodeKey.Broker(0))).Resources!;
        Assert.Equal("1", resources.Requests!["cpu"].ToString());
        Assert.Equal("4Gi", resources.Limits!["memory"].ToString());
        Assert.Null(Kafka(Render(NodeKey.Controller(0))).Resources);
    }

    [Fact]
    public void Nodes_of_a_role_prefer_different_hosts()
    {
        var term = Assert.Single(Render(NodeKey.Broker(1)).Spec!.Affinity!.PodAntiAffinity!.PreferredDuringSchedulingIgnoredDuringExecution!).PodAffinityTerm;
        Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
        Assert.Equal("demo", term.LabelSelector!.MatchLabels!["app.kubernetes.io/instance"]);
        Assert.Equal("broker", term.LabelSelector.MatchLabels["kafka.actors.dev/role"]);
    }

    [Fact]
    public void A_rack_spreads_the_nodes_over_its_topology_key()
    {
        var spec = Specs.Valid();
        spec = spec with { Brokers = spec.Brokers! with { Rack = new RackSpec { TopologyKey = "topology.kubernetes.io/zone" } } };
        var spread = Assert.Single(Render(NodeKey.Broker(0), spec).Spec!.TopologySpreadConstraints!);
        Assert.Equal("topology.kubernetes.io/zone", spread.TopologyKey);
        Assert.Equal(1, spread.MaxSkew);
        Assert.Null(Render(NodeKey.Controller(0), spec).Spec!.TopologySpreadConstraints);
    }

    [Fact]
    public void Node_selector_and_tolerations_come_from_the_role()
    {
        var spec = Specs.Valid();
        spec = spec with
        {
            Controllers = spec.Controllers! with
            {
                NodeSelector = new() { ["pool"] = "system" },
                Tolerations = [new TolerationSpec { Key = "dedicated", Operator = "Equal", Value = "kafka", Effect = "NoSchedule" }],
            },
        };
        var pod = Render(NodeKey.Controller(0), spec);
        Assert.Equal("system", pod.Spec!.NodeSelector!["pool"]);
        var toleration = Assert.Single(pod.Spec.Tolerations!);
        Assert.Equal(("dedicated", "Equal", "kafka", "NoSchedule"), (toleration.Key, toleration.OperatorProperty, toleration.Value, toleration.Effect));
        Assert.Null(Render(NodeKey.Broker(0), spec).Spec!.NodeSelector);
    }

    [Fact]
    public void Readiness_is_probed_on_the_port_peers_use()
    {
        Assert.Equal(9091, Kafka(Render(NodeKey.Broker(0))).ReadinessProbe!.TcpSocket!.Port.ToInt());
        Assert.Equal(9093, Kafka(Render(NodeKey.Controller(0))).ReadinessProbe!.TcpSocket!.Port.ToInt());
    }

    [Fact]
    public void The_pod_serialises_with_the_kubernetes_field_names()
    {
        var json = KubernetesJson.Serialize(Render(NodeKey.Broker(0)));
        Assert.Contains("\"subdomain\":\"demo-nodes\"", json);
        Assert.Contains("\"claimName\":\"data-demo-broker-0\"", json);
        Assert.Contains("\"readOnlyRootFilesystem\":false", json);
        Assert.Contains("\"podAntiAffinity\"", json);
    }
}
