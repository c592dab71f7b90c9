using System.Collections.Concurrent;

namespace Actors.Grains.Placement;

/// <summary>
/// The grains of KafkaClusters active on this silo (each says so when it activates and when it
/// deactivates): what <see cref="ClusterHandover"/> looks through when the Active replicas change,
/// without asking the runtime for its activations or waking an idle grain.
/// </summary>
public sealed class ClusterResidents
{
    private readonly ConcurrentDictionary<GrainId, byte> grains = new();

    public void Arrived(GrainId grain) => grains[grain] = 0;

    public void Left(GrainId grain) => grains.TryRemove(grain, out _);

    public IReadOnlyCollection<GrainId> Current => [.. grains.Keys];
}
