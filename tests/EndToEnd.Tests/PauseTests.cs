using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;

namespace Actors.EndToEnd.Tests;

public sealed class PauseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_paused_cluster_is_left_alone_until_the_annotation_is_removed()
    {
        await using var scenario = await KafkaScenario.StartAsync("pause", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        await scenario.UpdateAsync(c => c.Metadata.Annotations = new Dictionary<string, string> { [KafkaAnnotations.PauseReconciliation] = "true" });
        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 2 } });
        await scenario.WaitUntilAsync(c => c.Status?.ObservedGeneration == generation
                                            && KafkaScenario.Condition(c, KafkaConditionTypes.ReconciliationPaused)?.Status == ConditionStatus.True,
            "ReconciliationPaused=True at the new generation");
        Assert.Empty(scenario.Timeline.Creations(mark));

        await scenario.UpdateAsync(c => c.Metadata.Annotations!.Remove(KafkaAnnotations.PauseReconciliation));
        var resumed = await scenario.WaitUntilReadyAsync(generation);
        Assert.Equal(["demo-broker-1"], scenario.Timeline.Creations(mark).Select(c => c.Pod));
        Assert.Equal(ConditionStatus.False, KafkaScenario.Condition(resumed, KafkaConditionTypes.ReconciliationPaused)!.Status);
    }
}
