using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Coordinator;

namespace Actors.EndToEnd.Tests;

public sealed class HealthGateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_closed_health_gate_holds_a_roll_with_RollBlocked_until_it_opens()
    {
        var gate = new ScriptedHealthGate();
        await using var scenario = await KafkaScenario.StartAsync("rollgate", output, gate);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        gate.Close(HealthGateQuestion.CanRestart, "3 partitions under-replicated");
        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Config = new() { ["num.io.threads"] = "16" } } });
        var blocked = await scenario.WaitUntilAsync(c =>
                KafkaScenario.Condition(c, KafkaConditionReasons.RollBlocked)?.Status == ConditionStatus.True, "RollBlocked=True");

        Assert.Contains("3 partitions under-replicated", KafkaScenario.Condition(blocked, KafkaConditionReasons.RollBlocked)!.Message);
        Assert.Equal(ConditionStatus.False, KafkaScenario.Condition(blocked, KafkaConditionTypes.Progressing)!.Status);
        Assert.Empty(scenario.Timeline.Deletions(mark));

        gate.Open(HealthGateQuestion.CanRestart);
        var rolled = await scenario.WaitUntilReadyAsync(generation);
        Assert.Equal(ConditionStatus.False, KafkaScenario.Condition(rolled, KafkaConditionReasons.RollBlocked)!.Status);
        Assert.Equal(["demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }

    [Fact]
    public async Task A_closed_drain_gate_holds_a_scale_in_with_ScaleDownBlocked_until_it_opens()
    {
        var gate = new ScriptedHealthGate();
        await using var scenario = await KafkaScenario.StartAsync("draingate", output, gate);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        gate.Close(HealthGateQuestion.IsDrained, "broker 2 still leads 12 partitions");
        var generation = await scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Replicas = 2 } });
        var blocked = await scenario.WaitUntilAsync(c =>
            KafkaScenario.Condition(c, KafkaConditionReasons.ScaleDownBlocked)?.Status == ConditionStatus.True, "ScaleDownBlocked=True");

        Assert.Contains("still leads 12 partitions", KafkaScenario.Condition(blocked, KafkaConditionReasons.ScaleDownBlocked)!.Message);
        Assert.Empty(scenario.Timeline.Deletions(mark));
        Assert.Contains(gate.Asked, a => a.Question == HealthGateQuestion.IsDrained && a.Node == Grains.Identity.NodeKey.Broker(2) && !a.Open);

        gate.Open(HealthGateQuestion.IsDrained);
        await scenario.WaitUntilReadyAsync(generation);
        Assert.Equal(["demo-broker-2"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
    }
}
