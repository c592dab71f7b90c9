using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

public sealed class StartUpTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nodes_start_in_order_each_only_after_its_predecessor_is_ready_controllers_first()
    {
        await using var scenario = await KafkaScenario.StartAsync("startup", output);

        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 3, brokers: 3));
        var cluster = await scenario.WaitUntilReadyAsync();

        var creations = scenario.Timeline.Creations();
        Assert.Equal(
            ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2"],
            creations.Select(c => c.Pod));
        for (var i = 1; i < creations.Count; i++)
        {
            var predecessorReady = scenario.Timeline.FirstReady(creations[i - 1].Uid);
            Assert.True(predecessorReady < creations[i].Sequence,
                $"{creations[i].Pod} was created (change {creations[i].Sequence}) before {creations[i - 1].Pod} was Ready (change {predecessorReady?.ToString() ?? "never"})");
        }
        Assert.Equal(3, cluster.Status!.ReadyBrokers);
        Assert.Equal(3, cluster.Status.ReadyControllers);
    }

    [Fact]
    public async Task A_new_cluster_gets_its_id_volumes_services_config_and_budget_owned_by_the_resource()
    {
        await using var scenario = await KafkaScenario.StartAsync("objects", output);

        var created = await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        var cluster = await scenario.WaitUntilReadyAsync();

        Assert.True(KafkaClusterId.IsValid(cluster.Status!.ClusterId), $"cluster id '{cluster.Status.ClusterId}'");
        Assert.Equal($"demo-bootstrap.{scenario.Namespace}.svc.cluster.local:9092", cluster.Status.BootstrapServers);
        Assert.Equal(1, cluster.Status.ObservedGeneration);
        Assert.Contains(KafkaClusterResource.Finalizer, cluster.Metadata.Finalizers ?? []);
        Assert.Equal(["data-demo-broker-0", "data-demo-broker-1", "data-demo-controller-0"],
            (await scenario.ListVolumesAsync()).Select(v => v.Metadata.Name).Order());

        var core = scenario.Api.Client.CoreV1;
        var headless = await core.ReadNamespacedServiceAsync("demo-nodes", scenario.Namespace);
        Assert.Equal("None", headless.Spec!.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        var shared = new IKubernetesObject<V1ObjectMeta>[]
        {
            headless,
            await core.ReadNamespacedServiceAsync("demo-bootstrap", scenario.Namespace),
            await scenario.Api.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("demo-nodes", scenario.Namespace),
        };
        var nodeConfigs = new[]
        {
            await core.ReadNamespacedConfigMapAsync("demo-controller-0-config", scenario.Namespace),
            await core.ReadNamespacedConfigMapAsync("demo-broker-0-config", scenario.Namespace),
            await core.ReadNamespacedConfigMapAsync("demo-broker-1-config", scenario.Namespace),
        };
        foreach (var item in shared.Concat(nodeConfigs).Concat(await scenario.ListPodsAsync()))
        {
            Assert.Equal(created.Metadata.Uid, Assert.Single(item.Metadata.OwnerReferences ?? []).Uid);
            Assert.Equal(KafkaLabels.ManagedByValue, item.Metadata.Labels![KafkaLabels.ManagedBy]);
            Assert.Equal("demo", item.Metadata.Labels[KafkaLabels.Instance]);
        }
        Assert.Null(await core.ReadNamespacedConfigMapAsync("demo-config", scenario.Namespace).OrNullWhenMissing());
        var pods = (await scenario.ListPodsAsync()).ToDictionary(p => p.Metadata.Name!);
        foreach (var config in nodeConfigs)
        {
            var pod = pods[config.Metadata.Name![..^"-config".Length]];
            Assert.Equal(OperatorLabels.NodeOf(pod.Metadata.Labels?.AsReadOnly()), OperatorLabels.NodeOf(config.Metadata.Labels?.AsReadOnly()));
            Assert.Equal(NodePod.RevisionOf(pod), NodeConfigMap.RevisionOf(config));
            Assert.Equal(config.Metadata.Name, pod.Spec!.Volumes!.Single(v => v.Name == NodePod.ConfigVolume).ConfigMap!.Name);
        }
        Assert.Contains("node.id=1\n", nodeConfigs[2].Data![NodeConfigMap.PropertiesKey]);
        Assert.Contains("process.roles=controller\n", nodeConfigs[0].Data![NodeConfigMap.PropertiesKey]);
    }
}
