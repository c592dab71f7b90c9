using Actors.Contracts.Kafka;
using Actors.Emulator.Kubelet;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.Manifests;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// A cluster deleted with its claims retained and created again runs on the same volumes under the
/// same KRaft cluster id, which the claims carry — Kafka (and the simulated kubelet's meta.properties)
/// refuses storage formatted for another cluster. Claims that disagree are refused, and kept.
/// </summary>
public sealed class RetainedClaimsTests(ITestOutputHelper output)
{
    private static async Task<(string ClusterId, Dictionary<string, string> ClaimUids)> RunAndDeleteAsync(KafkaScenario scenario)
    {
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        var first = await scenario.WaitUntilReadyAsync();
        var claims = await scenario.ListVolumesAsync();
        Assert.All(claims, c => Assert.Equal(first.Status!.ClusterId, c.GetAnnotation(NodeVolume.ClusterIdAnnotation)));

        await scenario.Clusters.DeleteAsync(Specs.ClusterName, scenario.Namespace);
        await Eventually.UntilAsync(async () => await scenario.Clusters.TryGetAsync(Specs.ClusterName, scenario.Namespace) is null,
            "the KafkaCluster is gone (finalizer released)");
        await Eventually.UntilAsync(async () => (await scenario.ListPodsAsync()).Count == 0, "every pod is gone");
        return (first.Status!.ClusterId!, claims.ToDictionary(c => c.Metadata.Name!, c => c.Metadata.Uid!));
    }

    [Fact]
    public async Task A_cluster_recreated_on_retained_claims_comes_up_on_them_with_the_same_cluster_id()
    {
        await using var scenario = await KafkaScenario.StartAsync("recreate", output);
        var (clusterId, claimUids) = await RunAndDeleteAsync(scenario);

        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        var again = await scenario.WaitUntilReadyAsync();

        Assert.Equal(clusterId, again.Status!.ClusterId);
        Assert.Equal(claimUids, (await scenario.ListVolumesAsync()).ToDictionary(c => c.Metadata.Name!, c => c.Metadata.Uid!));
        Assert.All(await scenario.ListPodsAsync(), pod =>
            Assert.NotEqual(SimAnnotations.None, pod.GetAnnotation(SimAnnotations.FoundDataFrom)));
    }

    [Fact]
    public async Task A_retained_claim_with_another_cluster_id_is_refused_by_name_and_nothing_is_deleted()
    {
        await using var scenario = await KafkaScenario.StartAsync("claim-conflict", output);
        var (clusterId, claimUids) = await RunAndDeleteAsync(scenario);
        var foreign = KafkaClusterId.New();
        await scenario.Api.Client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(new V1Patch(new
        {
            metadata = new { annotations = new Dictionary<string, string> { [NodeVolume.ClusterIdAnnotation] = foreign } },
        }, V1Patch.PatchType.MergePatch), "data-demo-broker-1", scenario.Namespace);

        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        var refused = await scenario.WaitUntilAsync(c => KafkaScenario.Condition(c, KafkaConditionTypes.Ready)?.Reason == RetainedClaims.ClusterIdConflict,
            "Ready=False with ClusterIdConflict");

        var ready = KafkaScenario.Condition(refused, KafkaConditionTypes.Ready)!;
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Contains($"data-demo-broker-1 has {foreign}", ready.Message);
        Assert.Contains(clusterId, ready.Message);
        Assert.Null(refused.Status!.ClusterId);
        Assert.Empty(await scenario.ListPodsAsync());
        var claims = await scenario.ListVolumesAsync();
        Assert.Equal(claimUids, claims.ToDictionary(c => c.Metadata.Name!, c => c.Metadata.Uid!));
        Assert.All(claims, c => Assert.Null(c.Metadata.DeletionTimestamp));
        var warnings = (await scenario.Api.Client.CoreV1.ListNamespacedEventAsync(scenario.Namespace)).Items
            .Where(e => e.Type == "Warning" && e.Reason == RetainedClaims.ClusterIdConflict);
        Assert.Single(warnings);
    }
}
