using System.Collections.Concurrent;

namespace Actors.GrainRuntime.Tests.Support;

/// <summary>What the test grains did, in order. Tests wait for an entry instead of sleeping.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> entries = new();
    private readonly List<(string Entry, TaskCompletionSource Seen)> waiters = [];

    public IReadOnlyList<string> Entries => [.. entries];

    public void Add(string entry)
    {
        lock (waiters)
        {
            entries.Enqueue(entry);
            foreach (var waiter in waiters.Where(w => w.Entry == entry).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    public int IndexOf(string entry) => Entries.ToList().IndexOf(entry);

    /// <summary>Completes once <paramref name="entry"/> is written (at once if it already was).</summary>
    public Task WaitFor(string entry)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (entries.Contains(entry)) return Task.CompletedTask;
            waiters.Add((entry, seen));
        }
        return seen.Task.Within();
    }
}
