namespace Actors.Grains.Placement;

/// <summary>
/// Which KafkaClusters lost their grains when replicas died: those whose home (<see cref="ClusterHome"/>)
/// was a dead replica. Only they need waking on a survivor; every other cluster's grains never lived
/// there and carry on where they are. Pure: replicas are named as in the home choice
/// (<see cref="ClusterHomeDirector.ReplicaName"/>).
/// A cluster's grains are where some recent Active set placed them, not always where the last one
/// would: <see cref="ClusterHandover"/> moves them only once the set has settled, and a replica that is
/// shutting down (no longer Active) keeps its grains until it stops. So the choice is made over each
/// recent set, each dead replica added to the sets after it first appears (it left them, grains and
/// all, or this replica missed it; one seen in none is added to all): a cluster whose home over any of
/// them is dead is woken. Adding a dead replica to a set can only make the home a dead replica, never
/// hide one, so this errs towards waking a few clusters too many, never one too few; a set from before
/// it joined placed nothing on it, and is left as it was. A dead replica is named by its endpoint:
/// one restarted at the same address is the same name, and its clusters are woken too (their grains
/// died with the old process).
/// </summary>
public static class DeadReplicaClusters
{
    /// <param name="clusterKeys">The clusters this replica knows (<c>namespace/name</c>).</param>
    /// <param name="activeSets">The recent Active sets, oldest first, as one replica saw them (<see cref="ActiveReplicaHistory.Recent"/>).</param>
    /// <param name="dead">The replicas just declared dead that ever hosted grains (were seen Active); one that never was has no share.</param>
    public static IReadOnlyList<string> ToWake(IEnumerable<string> clusterKeys, IReadOnlyCollection<IReadOnlyCollection<string>> activeSets,
        IReadOnlyCollection<string> dead)
    {
        if (dead.Count == 0) return [];
        var buried = dead.ToHashSet(StringComparer.Ordinal);
        var sets = activeSets.ToList();
        var joined = buried.ToDictionary(d => d, d => sets.FindIndex(set => set.Contains(d)) is var first and >= 0 ? first : 0, StringComparer.Ordinal);
        var candidates = sets.Select((set, i) =>
            (IReadOnlyCollection<string>)[.. set.Union(buried.Where(d => joined[d] <= i), StringComparer.Ordinal)]).ToList();
        return [.. clusterKeys.Where(cluster => candidates.Any(set => buried.Contains(ClusterHome.Choose(cluster, set, replica => replica))))];
    }
}
