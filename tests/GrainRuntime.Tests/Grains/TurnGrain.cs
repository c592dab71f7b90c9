using Actors.GrainRuntime.Tests.Support;
using Orleans.Concurrency;

namespace Actors.GrainRuntime.Tests.Grains;

/// <summary>A grain whose turns the test can hold open and count, to see what runs beside what.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>A turn that yields mid-way, recording the order calls ran in.</summary>
    Task Work(int item);

    /// <summary>A turn that stays open until the test opens <paramref name="gate"/>.</summary>
    Task Hold(string gate);

    /// <summary>A query marked to interleave with any turn, as a status read must.</summary>
    [AlwaysInterleave]
    Task<string> Ping();

    /// <summary>A read-only query; it waits until <paramref name="together"/> of them are inside at once.</summary>
    [ReadOnly]
    Task<int> ReadTogether(int together);

    /// <summary>A read-only query that records that it ran.</summary>
    [ReadOnly]
    Task<string> Peek();

    Task<TurnCounts> Counts();
}

[GenerateSerializer]
public sealed record TurnCounts([property: Id(0)] int MostAtOnce, [property: Id(1)] IReadOnlyList<int> Order);

public sealed class TurnGrain(Journal journal, Gates gates) : Grain, ITurnGrain
{
    private readonly List<int> order = [];
    private int inside;
    private int mostAtOnce;
    private int readers;
    private readonly TaskCompletionSource allReadersIn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Work(int item)
    {
        mostAtOnce = Math.Max(mostAtOnce, ++inside);
        // Yield so that a runtime that interleaved turns would let another one in here.
        await Task.Yield();
        await Task.Delay(0);
        order.Add(item);
        inside--;
    }

    public async Task Hold(string gate)
    {
        journal.Add($"hold {gate} start");
        await gates.Wait(gate);
        journal.Add($"hold {gate} end");
    }

    public Task<string> Ping() => Task.FromResult("pong");

    public async Task<int> ReadTogether(int together)
    {
        if (Interlocked.Increment(ref readers) == together) allReadersIn.TrySetResult();
        await allReadersIn.Task;
        return readers;
    }

    public Task<string> Peek()
    {
        journal.Add($"peek {this.GetPrimaryKeyString()}");
        return Task.FromResult("peeked");
    }

    public Task<TurnCounts> Counts() => Task.FromResult(new TurnCounts(mostAtOnce, [.. order]));
}
