using Actors.Emulator.Tests.Kubelet.Support;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class PauseTests : KubeletTest
{
    [Fact]
    public async Task Pausing_the_kubelet_switch_freezes_a_starting_pod_and_resuming_carries_on()
    {
        await CreatePod("broker-0");
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "seen by the kubelet");

        Emulator.Kubelet.Paused = true;
        Assert.True(Kubelet.Paused);
        await Advance(30);
        Assert.Equal("Pending", (await FindPod("broker-0"))!.Status!.Phase);

        Emulator.Kubelet.Paused = false;
        var running = await PodBecomes("broker-0", IsRunning, "Running");
        Assert.False(IsReady(running));
        await Advance(3);
        await PodBecomes("broker-0", IsReady, "Ready");
    }

    [Fact]
    public async Task A_paused_kubelet_does_not_finish_a_deletion_until_resumed()
    {
        await ReadyPod("broker-0");
        Emulator.Kubelet.Paused = true;
        await DeletePod("broker-0");
        await Advance(60);
        Assert.NotNull(await FindPod("broker-0"));

        Emulator.Kubelet.Paused = false;
        await PodIsGone("broker-0");
    }

    [Fact]
    public async Task The_switch_also_works_over_the_emulators_http_control_endpoint()
    {
        using var http = Emulator.CreateHttpClient();
        var paused = await http.PostAsync("/emulator/kubelet", new StringContent("""{"paused":true}""", System.Text.Encoding.UTF8, "application/json"));
        paused.EnsureSuccessStatusCode();
        Assert.True(Kubelet.Paused);

        await CreatePod("broker-0");
        await Advance(10);
        Assert.Null((await FindPod("broker-0"))!.Spec!.NodeName);

        var resumed = await http.PostAsync("/emulator/kubelet", new StringContent("""{"paused":false}""", System.Text.Encoding.UTF8, "application/json"));
        resumed.EnsureSuccessStatusCode();
        await PodBecomes("broker-0", p => p.Spec?.NodeName is not null, "bound");
    }
}
