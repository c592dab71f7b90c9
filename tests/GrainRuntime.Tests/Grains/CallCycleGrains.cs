namespace Actors.GrainRuntime.Tests.Grains;

/// <summary>
/// The first grain of a call cycle: it calls <see cref="ICycleReturnGrain"/>, which calls it back while
/// it is still waiting — what a coordinator calling its cluster grain from inside a pass would do.
/// </summary>
public interface ICycleStartGrain : IGrainWithStringKey
{
    Task<string> CallThrough(string other, bool backIntoInterleavingMethod);

    Task<string> Plain();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> Interleaving();
}

public interface ICycleReturnGrain : IGrainWithStringKey
{
    Task<string> CallBack(string start, bool intoInterleavingMethod);
}

public sealed class CycleStartGrain : Grain, ICycleStartGrain
{
    public Task<string> CallThrough(string other, bool backIntoInterleavingMethod) =>
        GrainFactory.GetGrain<ICycleReturnGrain>(other).CallBack(this.GetPrimaryKeyString(), backIntoInterleavingMethod);

    public Task<string> Plain() => Task.FromResult("plain");

    public Task<string> Interleaving() => Task.FromResult("interleaving");
}

public sealed class CycleReturnGrain : Grain, ICycleReturnGrain
{
    public async Task<string> CallBack(string start, bool intoInterleavingMethod)
    {
        var caller = GrainFactory.GetGrain<ICycleStartGrain>(start);
        return "back→" + (intoInterleavingMethod ? await caller.Interleaving() : await caller.Plain());
    }
}
