using Actors.Emulator.Kubelet;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>The kubelet's queue: lanes worked in parallel, one key never worked twice at once, nothing lost.</summary>
public sealed class WorkQueueTests
{
    readonly Dictionary<string, string> lanes = new() { ["pod/a"] = "scheduler", ["pod/b"] = "node-1" };

    KubeletWorkQueue Queue() => new(["scheduler", "node-0", "node-1"], key => lanes[key]);

    static async Task<string?> TakeNow(KubeletWorkQueue queue, string lane)
    {
        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            return await queue.TakeAsync(lane, none.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Each_lane_hands_out_its_own_keys()
    {
        var queue = Queue();
        queue.Add("pod/a");
        queue.Add("pod/b");

        Assert.Equal("pod/b", await TakeNow(queue, "node-1"));
        Assert.Equal("pod/a", await TakeNow(queue, "scheduler"));
    }

    [Fact]
    public async Task A_key_added_while_it_is_worked_waits_and_then_goes_to_the_lane_it_belongs_to_now()
    {
        var queue = Queue();
        queue.Add("pod/a");
        Assert.Equal("pod/a", await TakeNow(queue, "scheduler"));

        lanes["pod/a"] = "node-0"; // bound meanwhile
        queue.Add("pod/a");
        queue.Add("pod/a");
        Assert.Null(await TakeNow(queue, "node-0"));

        queue.Done("pod/a");
        Assert.Equal("pod/a", await TakeNow(queue, "node-0"));
        Assert.Null(await TakeNow(queue, "scheduler"));
    }

    [Fact]
    public async Task The_queue_is_idle_only_when_nothing_is_queued_or_worked()
    {
        var queue = Queue();
        queue.Add("pod/a");
        var idle = queue.WhenIdleAsync();
        await TakeNow(queue, "scheduler");
        queue.Add("pod/a");
        Assert.False(idle.IsCompleted);

        queue.Done("pod/a");
        Assert.False(idle.IsCompleted);
        await TakeNow(queue, "scheduler");
        queue.Done("pod/a");
        await idle;
    }
}
