using Actors.Emulator.Tests.Kubelet.Support;
using Actors.Kubernetes;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class DeletionTests : KubeletTest
{
    [Fact]
    public async Task A_deleted_pod_keeps_running_until_its_containers_stop_then_the_kubelet_removes_it()
    {
        await ReadyPod("broker-0");
        var deletedAt = Clock.GetUtcNow();
        var deleting = await DeletePod("broker-0");
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        Assert.Equal(30, deleting.Metadata.DeletionGracePeriodSeconds);

        await Advance(4);
        var stopping = await FindPod("broker-0");
        Assert.NotNull(stopping);
        Assert.NotNull(Container(stopping!).State!.Running);

        // Shutdown takes 5s here, well inside the 30s grace: the kubelet, not the grace deadline, ends it.
        await Advance(1);
        await PodIsGone("broker-0");
        var removal = Emulator.Audit.For("pods", Ns, "broker-0")[^1];
        Assert.Equal("delete", removal.Verb);
        Assert.Equal(deletedAt + TimeSpan.FromSeconds(5), removal.Time);
    }

    [Fact]
    public async Task A_grace_period_shorter_than_the_shutdown_ends_the_pod_sooner()
    {
        await ReadyPod("broker-0", gracePeriodSeconds: 2);
        await DeletePod("broker-0");
        await Advance(1);
        Assert.NotNull(await FindPod("broker-0"));
        await Advance(1);
        await PodIsGone("broker-0");
    }

    [Fact]
    public async Task The_kubelet_reports_the_containers_terminated_before_removing_the_pod()
    {
        await ReadyPod("broker-0");
        var seen = new List<V1Pod>();
        var watching = new TaskCompletionSource();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var watch = Task.Run(async () =>
        {
            var watch = new CollectionWatch<V1Pod>(Client, ResourceTypes.Of<V1Pod>(), Ns, new WatchOptions());
            await foreach (var e in watch.RunAsync(patience.Token))
            {
                watching.TrySetResult();
                if (e.Object is { } pod) seen.Add(pod);
                if (e.Type == WatchChangeType.Deleted) return;
            }
        });
        await watching.Task.WaitAsync(patience.Token);
        await DeletePod("broker-0");
        // The kubelet learns of the deletion from its own watch, possibly after a first advance found
        // it idle: time keeps moving until the pod is gone (CI once waited 15 s after a single Advance(5)).
        while (!watch.IsCompleted)
        {
            await Advance(1);
            await Task.WhenAny(watch, Task.Delay(50, patience.Token));
        }
        await watch;

        var last = seen[^1];
        Assert.Equal("Succeeded", last.Status!.Phase);
        Assert.Equal("Completed", Container(last).State!.Terminated!.Reason);
        Assert.False(IsReady(last));
    }

    [Fact]
    public async Task A_pod_that_never_got_a_node_is_deleted_at_once()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await DeletePod("broker-0");
        Assert.Null(await FindPod("broker-0"));
    }
}
