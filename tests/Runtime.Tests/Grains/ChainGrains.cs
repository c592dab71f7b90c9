namespace Actors.Runtime.Tests;

public interface IChainAGrain : IGrainWithStringKey
{
    /// <summary>Calls B, which calls back into this grain (interleaving or not).</summary>
    Task<string> CallThroughB(string bKey, bool interleavingCallback);

    Task<string> Plain();

    [AlwaysInterleave]
    Task<string> Interleaving();

    Task<string> CallSelf();

    /// <summary>Calls a grain whose OnActivateAsync calls back into this grain.</summary>
    Task<string> CallGrainThatCallsBackWhileActivating(string key);
}

public interface IEagerGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

/// <summary>Its key names the ChainAGrain it calls from OnActivateAsync.</summary>
public sealed class EagerGrain : Grain, IEagerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await GrainFactory.GetGrain<IChainAGrain>(this.GetPrimaryKeyString()).Plain();

    public Task<string> Hello() => Task.FromResult("hello");
}

public interface IChainBGrain : IGrainWithStringKey
{
    Task<string> CallBack(string aKey, bool interleaving);
}

public sealed class ChainAGrain : Grain, IChainAGrain
{
    public Task<string> CallThroughB(string bKey, bool interleavingCallback) =>
        GrainFactory.GetGrain<IChainBGrain>(bKey).CallBack(this.GetPrimaryKeyString(), interleavingCallback);

    public Task<string> Plain() => Task.FromResult("plain");
    public Task<string> Interleaving() => Task.FromResult("interleaving");
    public Task<string> CallSelf() => GrainFactory.GetGrain<IChainAGrain>(this.GetPrimaryKeyString()).Plain();

    public Task<string> CallGrainThatCallsBackWhileActivating(string key) => GrainFactory.GetGrain<IEagerGrain>(key).Hello();
}

public sealed class ChainBGrain : Grain, IChainBGrain
{
    public async Task<string> CallBack(string aKey, bool interleaving)
    {
        var a = GrainFactory.GetGrain<IChainAGrain>(aKey);
        return "b→" + (interleaving ? await a.Interleaving() : await a.Plain());
    }
}
