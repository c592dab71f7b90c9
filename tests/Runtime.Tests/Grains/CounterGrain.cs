namespace Actors.Runtime.Tests;

public sealed class CounterRefusedException(string message) : Exception(message);

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Get();
    Task Refuse(string message);
    ValueTask<int> GetAsValueTask();
    ValueTask Touch();
    Task<string> Key();
}

/// <summary>Counts; journals activations ("activate key") and deactivations ("deactivate key ReasonCode").</summary>
public sealed class CounterGrain(Journal journal) : Grain, ICounterGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<int> Increment() => Task.FromResult(++_count);
    public Task<int> Get() => Task.FromResult(_count);
    public Task Refuse(string message) => throw new CounterRefusedException(message);
    public ValueTask<int> GetAsValueTask() => ValueTask.FromResult(_count);
    public async ValueTask Touch() { await Task.Yield(); _count++; }
    public Task<string> Key() => Task.FromResult(this.GetPrimaryKeyString());
}
