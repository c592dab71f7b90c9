using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class PodProgressTests : KubeletTest
{
    [Fact]
    public async Task A_pod_is_bound_to_a_simulated_node_and_waits_in_ContainerCreating_for_its_start_delay()
    {
        await CreatePod("broker-0");
        var pending = await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");

        Assert.StartsWith("sim-node-", pending.Spec!.NodeName);
        Assert.Equal("Pending", pending.Status!.Phase);
        Assert.Equal("ContainerCreating", Container(pending).State!.Waiting!.Reason);
        Assert.Equal("True", Condition(pending, "PodScheduled"));
        Assert.Equal("False", Condition(pending, "Ready"));

        await Advance(1.9);
        Assert.Equal("Pending", (await FindPod("broker-0"))!.Status!.Phase);
    }

    [Fact]
    public async Task A_pod_runs_after_its_start_delay_and_is_ready_after_its_ready_delay()
    {
        await CreatePod("broker-0");
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(2);
        var running = await PodBecomes("broker-0", IsRunning, "Running");
        Assert.NotNull(Container(running).State!.Running);
        Assert.False(Container(running).Ready);
        Assert.Equal("False", Condition(running, "Ready"));

        await Advance(2.5);
        Assert.False(IsReady((await FindPod("broker-0"))!));

        await Advance(0.5);
        var ready = await PodBecomes("broker-0", IsReady, "Ready");
        Assert.True(Container(ready).Ready);
        Assert.Equal("True", Condition(ready, "ContainersReady"));
        Assert.Equal("True", Condition(ready, "Initialized"));
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, PodConditions.Find(ready.Status, "Ready")!.LastTransitionTime);
        Assert.StartsWith("10.", ready.Status!.PodIP);
        Assert.StartsWith("172.18.0.", ready.Status.HostIP);
        Assert.NotNull(ready.Status.StartTime);
    }

    [Fact]
    public async Task Delays_come_from_the_pods_annotations_when_it_has_them()
    {
        await CreatePod("broker-0", new() { [SimAnnotations.StartDelay] = "500ms", [SimAnnotations.ReadyDelay] = "1m" });
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(0.5);
        await PodBecomes("broker-0", IsRunning, "Running");
        await Advance(59);
        Assert.False(IsReady((await FindPod("broker-0"))!));
        await Advance(1);
        await PodBecomes("broker-0", IsReady, "Ready");
    }

    [Fact]
    public async Task Pods_are_spread_over_the_simulated_nodes()
    {
        foreach (var n in new[] { "broker-0", "broker-1", "broker-2" }) await CreatePod(n);
        var nodes = new HashSet<string>();
        foreach (var n in new[] { "broker-0", "broker-1", "broker-2" })
            nodes.Add((await PodBecomes(n, p => p.Spec?.NodeName is not null, "bound")).Spec!.NodeName!);
        Assert.Equal(3, nodes.Count);
    }

    [Fact]
    public async Task A_pod_is_not_ready_until_every_readiness_gate_condition_is_true()
    {
        await CreatePod("broker-0", readinessGates: ["kafka.actors.dev/registered", "kafka.actors.dev/caught-up"]);
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(2);
        await PodBecomes("broker-0", IsRunning, "Running");
        await Advance(3);
        var gated = await PodBecomes("broker-0", p => Condition(p, "ContainersReady") == "True", "with ready containers");
        Assert.Equal("False", Condition(gated, "Ready"));
        Assert.Equal("ReadinessGatesNotReady", PodConditions.Find(gated.Status, "Ready")!.Reason);

        await SetCondition("broker-0", "kafka.actors.dev/registered", "True");
        await PodBecomes("broker-0", p => Condition(p, "kafka.actors.dev/registered") == "True", "registered");
        await Kubelet.WhenIdleAsync();
        Assert.False(IsReady((await FindPod("broker-0"))!));

        await SetCondition("broker-0", "kafka.actors.dev/caught-up", "True");
        var ready = await PodBecomes("broker-0", IsReady, "Ready");
        Assert.Equal("True", Condition(ready, "kafka.actors.dev/registered"));
    }

    async Task SetCondition(string pod, string type, string status)
    {
        var current = await Client.CoreV1.ReadNamespacedPodAsync(pod, Ns);
        current.Status!.Conditions!.Add(new V1PodCondition { Type = type, Status = status, LastTransitionTime = Clock.GetUtcNow().UtcDateTime });
        await Client.CoreV1.ReplaceNamespacedPodStatusAsync(current, pod, Ns);
    }

    [Fact]
    public async Task A_slow_start_keeps_the_pod_pending_for_the_long_delay()
    {
        await CreatePod("broker-0", new() { [SimAnnotations.StartDelay] = "10m" });
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(9 * 60 + 59);
        Assert.Equal("Pending", (await FindPod("broker-0"))!.Status!.Phase);
        await Advance(1);
        await PodBecomes("broker-0", IsRunning, "Running");
    }

    [Fact]
    public async Task A_slow_start_can_be_scripted_from_CSharp_before_the_pod_starts()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await Kubelet.SlowStartAsync(Ns, "broker-0", TimeSpan.FromMinutes(5));
        Emulator.Kubelet.Paused = false;
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(4 * 60);
        Assert.Equal("Pending", (await FindPod("broker-0"))!.Status!.Phase);
        await Advance(60);
        await PodBecomes("broker-0", IsRunning, "Running");
    }
}
