namespace Actors.Runtime.Tests;

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Records its number in arrival order and how many turns overlapped it.</summary>
    Task Work(int number);
    Task<IReadOnlyList<int>> Order();
    Task<int> MaxConcurrent();

    /// <summary>Holds the turn until the named gate opens.</summary>
    Task Hold(string gate);

    [AlwaysInterleave]
    Task<string> Ping();

    /// <summary>Read-only: waits until <paramref name="readers"/> read-only turns are inside together.</summary>
    [ReadOnly]
    Task<int> ReadTogether(int readers);
}

public sealed class TurnGrain(Journal journal, Gates gates) : Grain, ITurnGrain
{
    private readonly List<int> _order = [];
    private int _inside;
    private int _maxInside;
    private int _readersInside;
    private TaskCompletionSource _readersArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Work(int number)
    {
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, inside);
        await Task.Yield();
        _order.Add(number);
        await Task.Yield();
        Interlocked.Decrement(ref _inside);
    }

    public Task<IReadOnlyList<int>> Order() => Task.FromResult<IReadOnlyList<int>>([.. _order]);
    public Task<int> MaxConcurrent() => Task.FromResult(_maxInside);

    public async Task Hold(string gate)
    {
        journal.Add($"hold {gate} start");
        await gates.Wait(gate);
        journal.Add($"hold {gate} end");
    }

    public Task<string> Ping() => Task.FromResult("pong");

    public async Task<int> ReadTogether(int readers)
    {
        if (Interlocked.Increment(ref _readersInside) == readers) _readersArrived.TrySetResult();
        await _readersArrived.Task;
        return readers;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
