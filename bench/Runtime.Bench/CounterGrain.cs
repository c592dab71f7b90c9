namespace Actors.Runtime.Bench;

public interface IBenchCounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);
}

/// <summary>The work every mailbox does per message: add to private state and answer with it.</summary>
public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private int _total;

    public Task<int> Add(int amount) => Task.FromResult(_total += amount);
}
