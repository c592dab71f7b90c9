using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.State;
using Actors.Grains.Identity;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

public sealed class DeletionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deleting_the_cluster_stops_brokers_highest_first_then_controllers_and_keeps_the_volumes()
    {
        await using var scenario = await KafkaScenario.StartAsync("delete", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 3, brokers: 2));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        await scenario.Clusters.DeleteAsync(Specs.ClusterName, scenario.Namespace);
        await Eventually.UntilAsync(async () => await scenario.Clusters.TryGetAsync(Specs.ClusterName, scenario.Namespace) is null,
            "the KafkaCluster is gone (finalizer released)");

        var stopped = scenario.Timeline.Deletions(mark);
        Assert.Equal(["demo-broker-1", "demo-broker-0", "demo-controller-2", "demo-controller-1", "demo-controller-0"], stopped.Select(d => d.Pod));
        var changes = scenario.Timeline.Changes;
        for (var i = 1; i < stopped.Count; i++)
        {
            var previousGone = changes.First(c => c.Uid == stopped[i - 1].Uid && c.Type == WatchChangeType.Deleted).Sequence;
            Assert.True(previousGone < stopped[i].Sequence, $"{stopped[i].Pod} was stopped before {stopped[i - 1].Pod} was gone");
        }
        Assert.Empty(await scenario.ListPodsAsync());
        Assert.DoesNotContain((await scenario.Api.Client.CoreV1.ListNamespacedConfigMapAsync(scenario.Namespace)).Items,
            m => m.Metadata.Labels?.ContainsKey(Contracts.Kafka.KafkaLabels.Role) == true);
        Assert.Equal(
            ["data-demo-broker-0", "data-demo-broker-1", "data-demo-controller-0", "data-demo-controller-1", "data-demo-controller-2"],
            (await scenario.ListVolumesAsync()).Select(v => v.Metadata.Name).Order());
        var stateMap = ClusterStateLocator.ConfigMapName(new ClusterIdentity(scenario.Namespace, Specs.ClusterName));
        await Eventually.UntilAsync(async () =>
                await scenario.Api.Client.CoreV1.ReadNamespacedServiceAsync("demo-nodes", scenario.Namespace).OrNullWhenMissing() is null
                && await scenario.Api.Client.CoreV1.ReadNamespacedConfigMapAsync(stateMap, scenario.Namespace).OrNullWhenMissing() is null,
            "the owned Services and the operator state are garbage-collected with the cluster");
    }

    [Fact]
    public async Task Deleting_a_cluster_whose_policy_says_delete_removes_each_volume_only_after_every_pod_is_gone()
    {
        await using var scenario = await KafkaScenario.StartAsync("purge", output);
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2);
        cluster.Spec = cluster.Spec! with { PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = "Delete" } };
        await scenario.CreateAsync(cluster);
        await scenario.WaitUntilReadyAsync();

        await scenario.Clusters.DeleteAsync(Specs.ClusterName, scenario.Namespace);
        await Eventually.UntilAsync(async () => await scenario.Clusters.TryGetAsync(Specs.ClusterName, scenario.Namespace) is null,
            "the KafkaCluster is gone (finalizer released)");

        Assert.Empty(await scenario.ListPodsAsync());
        Assert.DoesNotContain(await scenario.ListVolumesAsync(), v => v.Metadata.DeletionTimestamp is null);
        if (scenario.Api.Emulator is { } emulator)
        {
            var writes = emulator.Audit.Records.Where(r => r.Verb == "delete" && r.Resource is "pods" or "persistentvolumeclaims").ToList();
            var lastPodGone = writes.Where(r => r.Resource == "pods").Max(r => r.Sequence);
            var firstVolumeDeleted = writes.Where(r => r.Resource == "persistentvolumeclaims").Min(r => r.Sequence);
            Assert.True(lastPodGone < firstVolumeDeleted, "a volume was deleted while a pod could still be using it");
        }
    }
}
