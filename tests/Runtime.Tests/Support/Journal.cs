using System.Collections.Concurrent;

namespace Actors.Runtime.Tests;

/// <summary>What test grains did, in order; tests wait for entries instead of sleeping.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Entries => [.. _entries];

    public void Add(string entry)
    {
        _entries.Enqueue(entry);
        lock (_waiters)
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
    }

    public int Count(string entry) => _entries.Count(e => e == entry);

    /// <summary>Completes when <paramref name="entry"/> is (or has been) written; fails the test rather than hang.</summary>
    public Task WaitFor(string entry)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_entries.Contains(entry)) return Task.CompletedTask;
            _waiters.Add((e => e == entry, seen));
        }
        return seen.Task.WaitAsync(Guard.Time);
    }
}
