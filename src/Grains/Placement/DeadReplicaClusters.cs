namespace Actors.Grains.Placement;

/// <summary>
/// Which KafkaClusters lost their grains when replicas died: those whose home (<see cref="ClusterHome"/>)
/// was a dead replica. Only they need waking on a survivor; every other cluster's grains never lived
/// there and carry on where they are. Pure: replicas are named as in the home choice
/// (<see cref="ClusterHomeDirector.ReplicaName"/>).
/// A cluster's grains are where some recent Active set placed them, not always where the last one
/// would: <see cref="ClusterHandover"/> moves them only once the set has settled, and a replica that is
/// shutting down (no longer Active) keeps its grains until it stops. So the choice is made over each
/// recent set, the dead replicas added to it: a cluster whose home over any of them is dead is woken.
/// Adding the dead to a set can only make the home a dead replica, never hide one, so this errs
/// towards waking a few clusters too many, never one too few. A dead replica is named by its endpoint:
/// one restarted at the same address is the same name, and its clusters are woken too (their grains
/// died with the old process).
/// </summary>
public static class DeadReplicaClusters
{
    /// <param name="clusterKeys">The clusters this replica knows (<c>namespace/name</c>).</param>
    /// <param name="activeSets">The recent Active sets, each as one replica saw it (<see cref="ActiveReplicaHistory.Recent"/>).</param>
    /// <param name="dead">The replicas just declared dead that ever hosted grains (were seen Active); one that never was has no share.</param>
    public static IReadOnlyList<string> ToWake(IEnumerable<string> clusterKeys, IReadOnlyCollection<IReadOnlyCollection<string>> activeSets,
        IReadOnlyCollection<string> dead)
    {
        if (dead.Count == 0) return [];
        var buried = dead.ToHashSet(StringComparer.Ordinal);
        var candidates = activeSets.Select(set => (IReadOnlyCollection<string>)[.. set.Union(buried, StringComparer.Ordinal)]).ToList();
        return [.. clusterKeys.Where(cluster => candidates.Any(set => buried.Contains(ClusterHome.Choose(cluster, set, replica => replica))))];
    }
}
