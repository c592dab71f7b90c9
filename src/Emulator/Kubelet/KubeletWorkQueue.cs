namespace Actors.Emulator.Kubelet;

/// <summary>
/// Keys of objects to look at again, each queued at most once, taken one at a time. Knows when
/// it is idle (nothing queued, nothing being worked on), which is what tests wait for before
/// asserting that something did not happen.
/// </summary>
internal sealed class KubeletWorkQueue
{
    readonly Lock gate = new();
    readonly Queue<string> queue = new();
    readonly HashSet<string> queued = new(StringComparer.Ordinal);
    readonly SemaphoreSlim available = new(0);
    readonly List<TaskCompletionSource> idleWaiters = [];
    bool busy;

    public void Add(string key)
    {
        lock (gate)
        {
            if (!queued.Add(key)) return;
            queue.Enqueue(key);
        }
        available.Release();
    }

    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (!queue.TryDequeue(out var key)) continue;
                queued.Remove(key);
                busy = true;
                return key;
            }
        }
    }

    public void Done()
    {
        List<TaskCompletionSource> released;
        lock (gate)
        {
            busy = false;
            if (queue.Count > 0) return;
            released = [.. idleWaiters];
            idleWaiters.Clear();
        }
        foreach (var waiter in released) waiter.TrySetResult();
    }

    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            if (!busy && queue.Count == 0) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idleWaiters.Add(waiter);
            return waiter.Task;
        }
    }
}
