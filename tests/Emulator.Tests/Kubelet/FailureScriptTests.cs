using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class FailureScriptTests : KubeletTest
{
    async Task<V1Pod> Running(string name, Dictionary<string, string> annotations)
    {
        await CreatePod(name, annotations);
        await PodBecomes(name, p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(2);
        return await PodBecomes(name, IsRunning, "Running");
    }

    [Fact]
    public async Task A_crash_looping_pod_restarts_with_growing_back_off_and_is_never_ready()
    {
        await Running("broker-0", new() { [SimAnnotations.Crash] = "loop" });

        await Advance(1);
        var crashed = await PodBecomes("broker-0", p => Container(p).RestartCount == 1, "restarted once");
        Assert.Equal("CrashLoopBackOff", Container(crashed).State!.Waiting!.Reason);
        Assert.Equal(1, Container(crashed).LastState!.Terminated!.ExitCode);
        Assert.Equal("Running", crashed.Status!.Phase);
        Assert.False(IsReady(crashed));

        await Advance(10);
        var again = await PodBecomes("broker-0", p => Container(p).State?.Running is not null, "running again after 10s");
        Assert.Equal(1, Container(again).RestartCount);
        await Advance(1);
        await PodBecomes("broker-0", p => Container(p).RestartCount == 2, "restarted twice");

        // The second back-off is 20s: nothing runs after 19.
        await Advance(19);
        Assert.NotNull(Container((await FindPod("broker-0"))!).State!.Waiting);
        await Advance(1);
        await PodBecomes("broker-0", p => Container(p).State?.Running is not null, "running again after 20s");
        await Advance(600);
        var late = (await FindPod("broker-0"))!;
        Assert.True(Container(late).RestartCount > 2);
        Assert.False(IsReady(late));
        Assert.Equal("False", Condition(late, "ContainersReady"));
    }

    [Fact]
    public async Task A_pod_scripted_to_crash_twice_then_runs_and_becomes_ready()
    {
        await Running("broker-0", new() { [SimAnnotations.Crash] = "2", [SimAnnotations.CrashAfter] = "5s" });
        await Advance(5);
        await PodBecomes("broker-0", p => Container(p).RestartCount == 1, "restarted once");
        await Advance(10);
        await PodBecomes("broker-0", p => Container(p).State?.Running is not null, "running again");
        await Advance(5);
        await PodBecomes("broker-0", p => Container(p).RestartCount == 2, "restarted twice");
        await Advance(20);
        await PodBecomes("broker-0", p => Container(p).State?.Running is not null, "running for good");
        await Advance(3);
        var ready = await PodBecomes("broker-0", IsReady, "Ready");
        Assert.Equal(2, Container(ready).RestartCount);
    }

    [Fact]
    public async Task A_crash_loop_scripted_from_CSharp_takes_a_ready_pod_down_and_healing_brings_it_back()
    {
        await ReadyPod("broker-0");
        await Kubelet.CrashLoopAsync(Ns, "broker-0");
        await Advance(1);
        var crashed = await PodBecomes("broker-0", p => Container(p).RestartCount == 1, "crashed");
        Assert.False(IsReady(crashed));

        await Kubelet.HealAsync(Ns, "broker-0");
        await Advance(10);
        await PodBecomes("broker-0", p => Container(p).State?.Running is not null, "running again");
        await Advance(3);
        await PodBecomes("broker-0", IsReady, "Ready again");
    }

    [Fact]
    public async Task A_never_ready_pod_runs_but_stays_unready()
    {
        await Running("broker-0", new() { [SimAnnotations.NeverReady] = "true" });
        await Advance(3600);
        var pod = (await FindPod("broker-0"))!;
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.NotNull(Container(pod).State!.Running);
        Assert.False(Container(pod).Ready);
        Assert.Equal("False", Condition(pod, "Ready"));
        Assert.Equal(0, Container(pod).RestartCount);
    }

    [Fact]
    public async Task Never_ready_scripted_from_CSharp_holds_a_pod_that_has_not_started_yet()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await Kubelet.NeverReadyAsync(Ns, "broker-0");
        Emulator.Kubelet.Paused = false;
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");
        await Advance(2);
        await PodBecomes("broker-0", IsRunning, "Running");
        await Advance(60);
        Assert.False(IsReady((await FindPod("broker-0"))!));
    }
}
