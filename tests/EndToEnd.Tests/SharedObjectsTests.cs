using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.EndToEnd.Tests.Harness;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// A cluster's Services and PodDisruptionBudget are watched: one changed or deleted by someone else is
/// applied again at once (its event wakes the cluster), and one that is as the operator left it costs
/// no request, not even at the resync.
/// </summary>
public sealed class SharedObjectsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_service_deleted_by_hand_is_back_long_before_the_resync()
    {
        await using var scenario = await ReadyClusterAsync("drift", TimeSpan.FromHours(1));
        var core = scenario.Api.Client.CoreV1;
        var lost = await core.ReadNamespacedServiceAsync($"{Specs.ClusterName}-bootstrap", scenario.Namespace);

        await core.DeleteNamespacedServiceAsync(lost.Metadata.Name, scenario.Namespace);

        var back = await Eventually.UntilAsync(async () =>
            await core.ReadNamespacedServiceAsync(lost.Metadata.Name, scenario.Namespace).OrNullWhenMissing() is { } service && service.Metadata.Uid != lost.Metadata.Uid ? service : null,
            "the bootstrap Service is created again");
        Assert.Equal(lost.Spec.Ports.Select(p => p.Port), back.Spec.Ports.Select(p => p.Port));
    }

    [Fact]
    public async Task A_budget_edited_by_hand_is_put_back_long_before_the_resync()
    {
        await using var scenario = await ReadyClusterAsync("drift-edit", TimeSpan.FromHours(1));
        var policy = scenario.Api.Client.PolicyV1;
        var name = (await policy.ListNamespacedPodDisruptionBudgetAsync(scenario.Namespace)).Items.Single().Metadata.Name;
        var applied = (await policy.ReadNamespacedPodDisruptionBudgetAsync(name, scenario.Namespace)).Spec.MaxUnavailable.Value;

        var edit = new V1Patch("{\"spec\":{\"maxUnavailable\":7}}", V1Patch.PatchType.MergePatch);
        var edited = await policy.PatchNamespacedPodDisruptionBudgetAsync(edit, name, scenario.Namespace);
        Assert.Equal("7", edited.Spec.MaxUnavailable.Value);

        await Eventually.UntilAsync(async () =>
            (await policy.ReadNamespacedPodDisruptionBudgetAsync(name, scenario.Namespace)).Spec.MaxUnavailable.Value == applied,
            $"maxUnavailable is {applied} again");
    }

    [Fact]
    public async Task Resyncs_of_a_cluster_at_rest_apply_nothing()
    {
        var applies = new ConcurrentQueue<string>();
        using var requests = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KubernetesMetricNames.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("http.request.method") as string == "PATCH" && activity.GetTagItem("url.path") is string path
                    && (path.Contains("/services/", StringComparison.Ordinal) || path.Contains("/poddisruptionbudgets/", StringComparison.Ordinal)))
                    applies.Enqueue(path);
            },
        };
        ActivitySource.AddActivityListener(requests);
        await using var scenario = await ReadyClusterAsync("resync", TimeSpan.FromMilliseconds(500));
        // A pass right after an apply may find the cache one event behind and apply once more (a no-op).
        await Task.Delay(TimeSpan.FromSeconds(1));
        var ours = $"/namespaces/{scenario.Namespace}/";
        var atStartUp = applies.Count(p => p.Contains(ours, StringComparison.Ordinal));
        Assert.True(atStartUp >= 3, $"the two Services and the budget were applied at start-up ({atStartUp} applies seen)");

        // Several resyncs, each a pass over the whole cluster.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(atStartUp, applies.Count(p => p.Contains(ours, StringComparison.Ordinal)));
    }

    /// <summary>A scenario with a Ready cluster of one controller and one broker, resynced this often.</summary>
    private async Task<KafkaScenario> ReadyClusterAsync(string name, TimeSpan resync)
    {
        var scenario = await KafkaScenario.StartAsync(name, output, configure: o => o.ResyncPeriod = resync);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1));
        await scenario.WaitUntilReadyAsync();
        return scenario;
    }
}
