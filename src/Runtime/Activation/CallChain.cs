namespace Actors.Runtime;

/// <summary>
/// The grains a call passed through, innermost last, carried in an AsyncLocal into every turn
/// (and everything the turn awaits). A call into a grain already on the chain would wait for
/// itself, so it is refused at once with a <see cref="DeadlockException"/>.
/// </summary>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> Ambient = new();

    public CallChain(GrainId grain, CallChain? caller)
    {
        Grain = grain;
        Caller = caller;
    }

    public static CallChain? Current { get => Ambient.Value; set => Ambient.Value = value; }

    public GrainId Grain { get; }
    public CallChain? Caller { get; }

    public bool Contains(GrainId grain)
    {
        for (var link = this; link is not null; link = link.Caller)
            if (link.Grain == grain) return true;
        return false;
    }

    /// <summary>The chain, outermost first, followed by <paramref name="next"/>.</summary>
    public IReadOnlyList<GrainId> Then(GrainId next)
    {
        var grains = new List<GrainId> { next };
        for (var link = this; link is not null; link = link.Caller) grains.Add(link.Grain);
        grains.Reverse();
        return grains;
    }
}
