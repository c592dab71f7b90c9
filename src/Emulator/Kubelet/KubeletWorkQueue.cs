namespace Actors.Emulator.Kubelet;

/// <summary>
/// Keys of objects to look at again, split into lanes that are worked in parallel (one lane per
/// simulated node, as each node has its own kubelet, and one each for the scheduler, the volume
/// binder and the node heartbeats). A key is queued at most once, and is never handed out while it
/// is being worked, whichever lane it would go to now: added meanwhile, it waits and goes to the
/// lane it then belongs to when the step ends (client-go's workqueue does the same with its dirty
/// and processing sets). So one object's steps never overlap and none is lost. Knows when it is idle
/// (nothing queued, nothing being worked on), which is what tests wait for before asserting that
/// something did not happen.
/// </summary>
internal sealed class KubeletWorkQueue
{
    readonly Lock gate = new();
    readonly Func<string, string> laneOf;
    readonly Dictionary<string, Lane> lanes;
    readonly HashSet<string> queued = new(StringComparer.Ordinal);
    readonly HashSet<string> working = new(StringComparer.Ordinal);
    readonly HashSet<string> again = new(StringComparer.Ordinal);
    readonly List<TaskCompletionSource> idleWaiters = [];

    /// <param name="lanes">Every lane <paramref name="laneOf"/> can name.</param>
    /// <param name="laneOf">The lane a key belongs to now (a pod's follows its node); asked outside the queue's lock.</param>
    public KubeletWorkQueue(IEnumerable<string> lanes, Func<string, string> laneOf)
    {
        this.laneOf = laneOf;
        this.lanes = lanes.ToDictionary(l => l, _ => new Lane(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Lanes => lanes.Keys;

    public void Add(string key)
    {
        var lane = LaneFor(key);
        lock (gate)
        {
            if (working.Contains(key))
            {
                again.Add(key);
                return;
            }
            if (!queued.Add(key)) return;
            lane.Keys.Enqueue(key);
        }
        lane.Available.Release();
    }

    public async Task<string> TakeAsync(string laneName, CancellationToken cancellationToken)
    {
        var lane = lanes[laneName];
        while (true)
        {
            await lane.Available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (!lane.Keys.TryDequeue(out var key)) continue;
                queued.Remove(key);
                working.Add(key);
                return key;
            }
        }
    }

    /// <summary>The step on <paramref name="key"/> ended; if it was added meanwhile it is queued again now.</summary>
    public void Done(string key)
    {
        var lane = LaneFor(key);
        List<TaskCompletionSource> released;
        lock (gate)
        {
            working.Remove(key);
            if (again.Remove(key) && queued.Add(key))
            {
                lane.Keys.Enqueue(key);
                lane.Available.Release();
                return;
            }
            if (working.Count > 0 || queued.Count > 0) return;
            released = [.. idleWaiters];
            idleWaiters.Clear();
        }
        foreach (var waiter in released) waiter.TrySetResult();
    }

    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            if (working.Count == 0 && queued.Count == 0) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idleWaiters.Add(waiter);
            return waiter.Task;
        }
    }

    Lane LaneFor(string key) =>
        lanes.TryGetValue(laneOf(key), out var lane) ? lane : throw new InvalidOperationException($"No lane for {key}.");

    sealed class Lane
    {
        public Queue<string> Keys { get; } = new();
        public SemaphoreSlim Available { get; } = new(0);
    }
}
