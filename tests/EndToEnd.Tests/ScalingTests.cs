using Actors.EndToEnd.Tests.Harness;
using Actors.Kubernetes;

namespace Actors.EndToEnd.Tests;

public sealed class ScalingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scaling_out_appends_brokers_in_order_and_scaling_in_removes_the_highest_first_keeping_their_volumes()
    {
        await using var scenario = await KafkaScenario.StartAsync("scale", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();

        var beforeOut = scenario.Timeline.Count;
        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 5 } });
        var scaledOut = await scenario.WaitUntilReadyAsync(generation);

        var added = scenario.Timeline.Creations(beforeOut);
        Assert.Equal(["demo-broker-3", "demo-broker-4"], added.Select(c => c.Pod));
        Assert.True(scenario.Timeline.FirstReady(added[0].Uid) < added[1].Sequence, "broker 4 was created before broker 3 was Ready");
        Assert.Equal(5, scaledOut.Status!.ReadyBrokers);

        var beforeIn = scenario.Timeline.Count;
        generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 2 } });
        var scaledIn = await scenario.WaitUntilReadyAsync(generation);

        var removed = scenario.Timeline.Deletions(beforeIn);
        Assert.Equal(["demo-broker-4", "demo-broker-3", "demo-broker-2"], removed.Select(c => c.Pod));
        var changes = scenario.Timeline.Changes;
        for (var i = 1; i < removed.Count; i++)
        {
            var previousGone = changes.First(c => c.Uid == removed[i - 1].Uid && c.Type == WatchChangeType.Deleted).Sequence;
            Assert.True(previousGone < removed[i].Sequence, $"{removed[i].Pod} was stopped before {removed[i - 1].Pod} was gone");
        }
        Assert.Empty(scenario.Timeline.Creations(beforeIn));
        Assert.Equal(2, scaledIn.Status!.ReadyBrokers);
        Assert.Equal(["demo-broker-0", "demo-broker-1", "demo-controller-0"], (await scenario.ListPodsAsync()).Select(p => p.Metadata.Name).Order());
        Assert.Equal(
            ["data-demo-broker-0", "data-demo-broker-1", "data-demo-broker-2", "data-demo-broker-3", "data-demo-broker-4", "data-demo-controller-0"],
            (await scenario.ListVolumesAsync()).Select(v => v.Metadata.Name).Order());
    }
}
