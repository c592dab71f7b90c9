using System.Reflection;

namespace Actors.Runtime;

/// <summary>
/// A reference to a grain: an identity plus the interface it is called through. Cheap, storable,
/// usable before the grain is activated and valid across deactivations and runtime restarts
/// (it resolves the activation on each call, caching the live one). Equal when identity and
/// interface are equal.
/// </summary>
public class GrainReference : DispatchProxy
{
    private GrainActivation? _activation;

    internal ActorRuntime Runtime { get; private set; } = null!;
    internal GrainInterface Interface { get; private set; } = null!;

    /// <summary>The identity this reference points at.</summary>
    public GrainId GrainId { get; private set; }

    /// <summary>The activation last used, if it may still be live; saves a directory lookup per call.</summary>
    internal GrainActivation? CachedActivation { get => Volatile.Read(ref _activation); set => Volatile.Write(ref _activation, value); }

    internal static TGrain Create<TGrain>(ActorRuntime runtime, GrainId grainId)
    {
        var proxy = Create<TGrain, GrainReference>();
        var reference = (GrainReference)(object)proxy!;
        reference.Runtime = runtime;
        reference.GrainId = grainId;
        reference.Interface = GrainInterface.For(typeof(TGrain));
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        Interface[targetMethod!].Call(this, args);

    public override bool Equals(object? obj) =>
        obj is GrainReference other && other.GrainId == GrainId && other.Interface.Type == Interface.Type;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{GrainId} ({Interface.Type.Name})";
}
