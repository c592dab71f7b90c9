using System.Collections.Concurrent;

namespace Actors.Runtime;

/// <summary>
/// Identity → the one live activation. Creating an activation object is cheap (the grain itself is
/// built later by its pump), so a lost race in GetOrAdd costs nothing and never yields two grains.
/// </summary>
internal sealed class ActivationDirectory(ActorRuntime runtime, GrainClassRegistry classes)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly Func<GrainId, GrainActivation> _create = id => new GrainActivation(runtime, classes.ForGrainType(id.Type), id);

    public int Count => _activations.Count;

    public GrainActivation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation)) return activation;
        if (!runtime.IsAcceptingActivations)
            throw new InvalidOperationException($"The actor runtime is {runtime.State.ToString().ToLowerInvariant()}; {grainId} cannot be activated. Start the runtime (or its host) before calling grains.");
        return _activations.GetOrAdd(grainId, _create);
    }

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    public GrainActivation[] Snapshot() => [.. _activations.Values];
}
