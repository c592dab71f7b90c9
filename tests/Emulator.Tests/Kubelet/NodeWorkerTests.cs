using Actors.Emulator.Faults;
using Actors.Emulator.Tests.Kubelet.Support;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>Each simulated node works its own pods, as each node of a real cluster runs its own kubelet.</summary>
public sealed class NodeWorkerTests : KubeletTest
{
    [Fact]
    public async Task A_pod_stuck_on_one_node_does_not_hold_up_a_pod_on_another_and_carries_on_once_released()
    {
        // broker-0's status writes hang for an hour of the fake clock: its node's worker is stuck in that step.
        var hang = Emulator.Faults.AddLatency(TimeSpan.FromHours(1),
            new RequestMatch(Verb: "update", Resource: "pods", Namespace: Ns, Name: "broker-0", Subresource: "status"));
        await CreatePod("broker-0");
        var stuckOn = (await PodBecomes("broker-0", p => !string.IsNullOrEmpty(p.Spec?.NodeName), "bound")).Spec!.NodeName;
        await Eventually(() => Task.FromResult(hang.Delayed), n => n > 0, "broker-0's first status write held");

        await CreatePod("broker-1");
        var other = await PodBecomes("broker-1", p => p.Status?.StartTime is not null, "started by the kubelet");
        Assert.NotEqual(stuckOn, other.Spec!.NodeName);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await PodBecomes("broker-1", IsRunning, "Running");
        Clock.Advance(TimeSpan.FromSeconds(3));
        await PodBecomes("broker-1", IsReady, "Ready");
        Assert.Null((await FindPod("broker-0"))!.Status?.StartTime);

        // Released, the held step ends and broker-0 goes on from where the API says it is.
        Emulator.Faults.Clear();
        await Advance(3600);
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "started once its write went through");
        await Advance(2);
        await PodBecomes("broker-0", IsRunning, "Running");
        await Advance(3);
        await PodBecomes("broker-0", IsReady, "Ready");
    }
}
