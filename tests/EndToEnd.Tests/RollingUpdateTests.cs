using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using k8s;

namespace Actors.EndToEnd.Tests;

public sealed class RollingUpdateTests(ITestOutputHelper output)
{
    private static readonly string[] Members = ["demo-controller-0", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    private static Task<long> ChangeBrokerConfig(KafkaScenario scenario) =>
        scenario.UpdateSpecAsync(s => s with { Brokers = s.Brokers! with { Config = new() { ["log.retention.hours"] = "24" } } });

    [Fact]
    public async Task A_config_change_rolls_the_brokers_one_at_a_time_highest_first_within_max_unavailable()
    {
        await using var scenario = await KafkaScenario.StartAsync("roll", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var before = (await scenario.ListPodsAsync()).ToDictionary(p => p.Metadata.Name!, p => p);
        var mark = scenario.Timeline.Count;

        var generation = await ChangeBrokerConfig(scenario);
        await scenario.WaitUntilReadyAsync(generation);

        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Creations(mark).Select(d => d.Pod));
        Assert.True(scenario.Timeline.MostUnavailable(Members, mark) <= 1, "more than maxUnavailable=1 nodes were unavailable at once");
        var after = (await scenario.ListPodsAsync()).ToDictionary(p => p.Metadata.Name!, p => p);
        foreach (var broker in new[] { "demo-broker-0", "demo-broker-1", "demo-broker-2" })
            Assert.NotEqual(before[broker].Metadata.Annotations![KafkaAnnotations.Revision], after[broker].Metadata.Annotations![KafkaAnnotations.Revision]);
        Assert.Equal(before["demo-controller-0"].Metadata.Uid, after["demo-controller-0"].Metadata.Uid);

        var events = (await scenario.Api.Client.CoreV1.ListNamespacedEventAsync(scenario.Namespace)).Items;
        Assert.Contains(events, e => e.Reason == "RollingNode" && e.Message!.StartsWith($"Rolling {scenario.Namespace}/demo broker 2: revision ", StringComparison.Ordinal)
                                     && e.Message.EndsWith("(1 of 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_restart_at_annotation_restarts_every_node_once_controllers_first()
    {
        await using var scenario = await KafkaScenario.StartAsync("restart", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 3, brokers: 1));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        await scenario.UpdateAsync(c => c.Metadata.Annotations = new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = "2026-11-22T01:00:00Z" });
        await Eventually.UntilAsync(() => scenario.Timeline.Creations(mark).Count == 4, "every node was recreated");
        await scenario.WaitUntilReadyAsync();

        Assert.Equal(["demo-controller-2", "demo-controller-1", "demo-controller-0", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
        Assert.Equal(4, scenario.Timeline.Creations(mark).Count);
        Assert.True(scenario.Timeline.MostUnavailable(["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0"], mark) <= 1,
            "more than maxUnavailable=1 nodes were unavailable at once");
    }

    [Fact]
    public async Task A_crash_during_a_roll_halts_it_until_the_node_recovers()
    {
        // The gate holds the roll before broker 1, so the crash is injected at a point the roll cannot
        // have passed. Injected on sight of the replacement, it raced the roll: the simulated kubelet can
        // make a replacement Ready within about 100 ms (its delays count from API times truncated to the
        // second), sooner than a loaded test acts, and the operator had moved on to broker 1, so the
        // crash landed while broker 1 was being restarted: two down, the second not the operator's doing.
        var gate = new ScriptedHealthGate();
        gate.Close(HealthGateQuestion.CanRestart, NodeKey.Broker(1), "holding the roll after broker 2");
        await using var scenario = await KafkaScenario.StartAsync("crash", output, gate);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        var generation = await ChangeBrokerConfig(scenario);
        await Eventually.UntilAsync(() => gate.Asked.Any(a => a is { Question: HealthGateQuestion.CanRestart, Open: false } && a.Node == NodeKey.Broker(1)),
            "the roll replaced broker 2 and is held before broker 1");
        await Eventually.UntilAsync(() => scenario.Timeline.Creations(mark).Any(c => c.Pod == "demo-broker-2"), "the timeline saw broker 2's replacement");
        var replacement = scenario.Timeline.Creations(mark).Single(c => c.Pod == "demo-broker-2");

        // The replacement of broker 2 crashes once (Kubernetes then backs off 10s before restarting it).
        await scenario.Api.Kubelet.CrashLoopAsync(scenario.Namespace, "demo-broker-2", times: 1);
        await Eventually.UntilAsync(() => scenario.Timeline.FirstReady(replacement.Uid) is { } ready && scenario.Timeline.FirstUnready(replacement.Uid, ready) is not null,
            "broker 2's replacement crashed after it was ready");
        await scenario.WaitUntilAsync(c => c.Status?.Operation?.Message?.Contains("waiting for broker 2 to be ready", StringComparison.Ordinal) == true,
            "the operator reports the roll waiting for broker 2");
        Assert.DoesNotContain(scenario.Timeline.Deletions(mark), d => d.Pod == "demo-broker-1");
        gate.Open(HealthGateQuestion.CanRestart, NodeKey.Broker(1));
        await scenario.WaitUntilReadyAsync(generation);

        var crashed = await scenario.GetPodAsync("demo-broker-2");
        Assert.Equal(replacement.Uid, crashed.Metadata.Uid);
        Assert.Equal(1, crashed.Status!.ContainerStatuses![0].RestartCount);
        var nextStopped = scenario.Timeline.Deletions(mark).First(d => d.Pod == "demo-broker-1").Sequence;
        var firstReady = scenario.Timeline.FirstReady(replacement.Uid);
        Assert.True(firstReady < nextStopped, "broker 1 was stopped while broker 2 was still down");
        var crashSeen = scenario.Timeline.FirstUnready(replacement.Uid, firstReady!.Value)!.Value;
        Assert.True(scenario.Timeline.ReadyAgain(replacement.Uid, crashSeen) < nextStopped, "broker 1 was stopped before broker 2 recovered from its crash");
        Assert.True(scenario.Timeline.MostUnavailable(Members, mark) <= 1, "more than maxUnavailable=1 nodes were unavailable at once");
    }

    [Fact]
    public async Task A_restarted_operator_finishes_the_roll_without_restarting_any_node_twice()
    {
        await using var scenario = await KafkaScenario.StartAsync("resume", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        var generation = await ChangeBrokerConfig(scenario);
        await Eventually.UntilAsync(() => scenario.Timeline.Deletions(mark).Any(d => d.Pod == "demo-broker-2"), "the roll stopped broker 2");
        await scenario.StopOperatorAsync();
        scenario.Log("operator stopped mid-roll");
        await scenario.StartOperatorAsync();
        await scenario.WaitUntilReadyAsync(generation);

        var deletions = scenario.Timeline.Deletions(mark);
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], deletions.Select(d => d.Pod));
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Creations(mark).Select(c => c.Pod));
        Assert.True(scenario.Timeline.MostUnavailable(Members, mark) <= 1, "more than maxUnavailable=1 nodes were unavailable at once");
    }
}
