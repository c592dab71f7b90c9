using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Broker;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;
using Orleans;
using Actors.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using k8s;

namespace Actors.EndToEnd.Tests.Effects;

/// <summary>
/// The node grain's writes of a node's ConfigMap against the emulator. The cluster has no CR, so
/// the running operator leaves these objects alone and the grain is driven by hand, as the
/// coordinator would drive it (including a step repeated after an operator restart).
/// </summary>
public sealed class BrokerGrainConfigTests(ITestOutputHelper output)
{
    private static NodeTemplate Template(ClusterIdentity cluster, Dictionary<string, string>? config = null)
    {
        var spec = new KafkaClusterSpec
        {
            Version = "3.9.0",
            Controllers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
            Brokers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" }, Config = config },
        };
        return ClusterPlan.From(cluster, spec, KafkaClusterId.From(Guid.Empty)).Templates[NodeKey.Broker(0)];
    }

    [Fact]
    public async Task A_repeated_create_never_rewrites_the_config_of_a_pod_that_exists_and_a_new_pod_gets_its_own()
    {
        await using var scenario = await KafkaScenario.StartAsync("brokergrain", output);
        var cluster = new ClusterIdentity(scenario.Namespace, "solo");
        var owner = new ClusterOwner("solo", "uid-solo");
        var before = Template(cluster);
        var after = Template(cluster, new() { ["log.retention.hours"] = "24" });
        var node = scenario.Operator!.Services.GetRequiredService<IGrainFactory>().GetGrain<IBrokerGrain>(before.Identity.GrainKey);
        var configMaps = scenario.Api.Client.CoreV1;

        await node.CreateAsync(before, owner, createVolume: true);
        await node.CreateAsync(before, owner, createVolume: true);
        // The same step again with a template that changed meanwhile (a stale cache after a restart): the pod is there.
        await node.CreateAsync(after, owner, createVolume: false);

        var kept = await configMaps.ReadNamespacedConfigMapAsync("solo-broker-0-config", scenario.Namespace);
        Assert.Equal(before.Revision, NodeConfigMap.RevisionOf(kept));
        Assert.Equal(KafkaNodeConfig.ToPropertiesText(before.Properties), kept.Data![NodeConfigMap.PropertiesKey]);
        Assert.Equal(before.Revision, NodePod.RevisionOf(await scenario.GetPodAsync("solo-broker-0")));

        var pod = await scenario.GetPodAsync("solo-broker-0");
        await node.DeletePodAsync(pod.Metadata.Uid!);
        await Eventually.UntilAsync(async () => await scenario.TryGetPodAsync("solo-broker-0") is null, "the pod is gone");
        await node.CreateAsync(after, owner, createVolume: false);

        var rewritten = await configMaps.ReadNamespacedConfigMapAsync("solo-broker-0-config", scenario.Namespace);
        Assert.Equal(after.Revision, NodeConfigMap.RevisionOf(rewritten));
        Assert.Equal(KafkaNodeConfig.ToPropertiesText(after.Properties), rewritten.Data![NodeConfigMap.PropertiesKey]);
        Assert.Equal(after.Revision, NodePod.RevisionOf(await scenario.GetPodAsync("solo-broker-0")));
        Assert.Equal("uid-solo", Assert.Single(rewritten.Metadata.OwnerReferences!).Uid);
    }

    [Fact]
    public async Task Deleting_a_nodes_config_is_safe_to_repeat()
    {
        await using var scenario = await KafkaScenario.StartAsync("brokerconfig", output);
        var cluster = new ClusterIdentity(scenario.Namespace, "solo");
        var template = Template(cluster);
        var node = scenario.Operator!.Services.GetRequiredService<IGrainFactory>().GetGrain<IBrokerGrain>(template.Identity.GrainKey);
        await scenario.Api.Client.CoreV1.CreateNamespacedConfigMapAsync(NodeConfigMap.Render(template, new ClusterOwner("solo", "uid-solo")), scenario.Namespace);

        await node.DeleteConfigAsync();
        await node.DeleteConfigAsync();

        Assert.Null(await scenario.Api.Client.CoreV1.ReadNamespacedConfigMapAsync("solo-broker-0-config", scenario.Namespace).OrNullWhenMissing());
    }
}
