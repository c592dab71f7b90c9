using Orleans.Runtime.Placement;

namespace Actors.Grains.Placement;

/// <summary>
/// Orleans' side of <see cref="ClusterHome"/>: a new (or migrating) activation goes to its cluster's
/// home among the silos Orleans finds compatible (Active, hosting the grain type). A placement hint
/// is not honoured: it could part a cluster's grains.
/// </summary>
public sealed class ClusterHomeDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(ClusterHome.Choose(ClusterHome.ClusterKeyOf(target.GrainIdentity.Key.ToString()), context.GetCompatibleSilos(target), ReplicaName));

    /// <summary>
    /// A silo's name in the choice: its endpoint, without the generation, so a replica restarted at
    /// the same address is home to the same clusters as before.
    /// </summary>
    public static string ReplicaName(SiloAddress silo) => silo.Endpoint.ToString();
}
