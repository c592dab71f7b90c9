using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// Each node reads its server.properties from its own ConfigMap, rewritten only when the
/// coordinator recreates the node: a container that restarts in place keeps the configuration of
/// its pod's revision, so a configuration change reaches nodes one at a time, as the roll allows.
/// </summary>
public sealed class NodeConfigTests(ITestOutputHelper output)
{
    private const string NewProperty = "log.retention.hours=24\n";

    private static async Task<(string? Revision, string Properties)> ConfigOf(KafkaScenario scenario, string pod)
    {
        var map = await scenario.Api.Client.CoreV1.ReadNamespacedConfigMapAsync($"{pod}-config", scenario.Namespace);
        return (NodeConfigMap.RevisionOf(map), map.Data![NodeConfigMap.PropertiesKey]);
    }

    private static async Task<string?> RevisionOfPod(KafkaScenario scenario, string pod) =>
        NodePod.RevisionOf(await scenario.GetPodAsync(pod));

    /// <summary>The ConfigMaps that belong to a node (its labels name the role), by name.</summary>
    private static async Task<string[]> NodeConfigMaps(KafkaScenario scenario) =>
        [.. (await scenario.Api.Client.CoreV1.ListNamespacedConfigMapAsync(scenario.Namespace)).Items
            .Where(m => m.Metadata.Labels?.ContainsKey(KafkaLabels.Role) == true)
            .Select(m => m.Metadata.Name!)
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_node_that_restarts_its_container_mid_roll_keeps_its_old_config_until_the_coordinator_rolls_it()
    {
        var gate = new ScriptedHealthGate();
        await using var scenario = await KafkaScenario.StartAsync("nodeconfig", output, gate);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;
        var before = await ConfigOf(scenario, "demo-broker-1");
        var oldPod = await scenario.GetPodAsync("demo-broker-1");
        Assert.Equal(NodePod.RevisionOf(oldPod), before.Revision);
        Assert.DoesNotContain(NewProperty, before.Properties);
        Assert.Null(await scenario.Api.Client.CoreV1.ReadNamespacedConfigMapAsync("demo-config", scenario.Namespace).OrNullWhenMissing());

        // The roll takes broker 2 first and is held before broker 1 by a gate closed for broker 1 alone,
        // beforehand: closing it on sight of broker 2's replacement raced the roll (the simulated
        // kubelet can make a replacement Ready within milliseconds, and broker 1 was rolled first).
        gate.Close(HealthGateQuestion.CanRestart, NodeKey.Broker(1), "holding the roll after broker 2");
        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Config = new() { ["log.retention.hours"] = "24" } } });
        await scenario.WaitUntilAsync(c => KafkaScenario.Condition(c, KafkaConditionReasons.RollBlocked)?.Status == ConditionStatus.True,
            "the roll is held before broker 1");

        var rolled = await ConfigOf(scenario, "demo-broker-2");
        Assert.Equal(await RevisionOfPod(scenario, "demo-broker-2"), rolled.Revision);
        Assert.NotEqual(before.Revision, rolled.Revision);
        Assert.Contains(NewProperty, rolled.Properties);

        // Broker 1, not rolled yet, crashes and its container restarts in the same pod.
        await scenario.Api.Kubelet.CrashLoopAsync(scenario.Namespace, "demo-broker-1", times: 1);
        var restarted = await Eventually.UntilAsync(async () =>
                await scenario.GetPodAsync("demo-broker-1") is var pod
                && pod.Status?.ContainerStatuses?[0] is { RestartCount: >= 1, Ready: true } ? pod : null,
            "broker 1's container crashed, restarted and is ready again");

        Assert.Equal(oldPod.Metadata.Uid, restarted.Metadata.Uid);
        Assert.Equal(before, await ConfigOf(scenario, "demo-broker-1"));
        Assert.DoesNotContain(scenario.Timeline.Deletions(mark), d => d.Pod == "demo-broker-1");

        gate.Open(HealthGateQuestion.CanRestart, NodeKey.Broker(1));
        await scenario.WaitUntilReadyAsync(generation);

        var after = await ConfigOf(scenario, "demo-broker-1");
        Assert.Equal(await RevisionOfPod(scenario, "demo-broker-1"), after.Revision);
        Assert.NotEqual(before.Revision, after.Revision);
        Assert.Contains(NewProperty, after.Properties);
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task Scaling_in_removes_the_config_maps_of_the_nodes_that_left_and_keeps_their_volumes()
    {
        await using var scenario = await KafkaScenario.StartAsync("configscale", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        Assert.Equal(["demo-broker-0-config", "demo-broker-1-config", "demo-broker-2-config", "demo-controller-0-config"], await NodeConfigMaps(scenario));

        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 1 } });
        await scenario.WaitUntilReadyAsync(generation);

        Assert.Equal(["demo-broker-0-config", "demo-controller-0-config"], await NodeConfigMaps(scenario));
        Assert.Equal(["data-demo-broker-0", "data-demo-broker-1", "data-demo-broker-2", "data-demo-controller-0"],
            (await scenario.ListVolumesAsync()).Select(v => v.Metadata.Name).Order());
    }
}
