namespace Actors.Grains.Placement;

/// <summary>
/// The Active replica sets one replica has seen lately, for <see cref="DeadReplicaClusters"/>: a grain
/// may still sit where an earlier set placed it, until <see cref="ClusterHandover"/> has settled and
/// moved it (<see cref="ClusterHandover.Settle"/>, then a <see cref="ClusterHandover.Rescan"/> for a
/// move that did not happen) or its replica, shutting down, has stopped (within the pod's grace
/// period). A set is kept for <see cref="Remembered"/> after another replaced it, so a membership
/// that has been still for that long is one set, and the choice is exact. Also which replicas were
/// ever seen Active (or leaving, which they reach only from Active): a replica that dies before it
/// was has no grains to lose. Pure: the time comes in.
/// </summary>
public sealed class ActiveReplicaHistory
{
    /// <summary>How long a replaced set is kept: past the handover's settle and rescan, and a graceful stop.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    /// <summary>A flapping membership keeps only this many sets (the newest); each costs a home choice per cluster at a death.</summary>
    public const int MostSets = 16;

    private readonly List<(HashSet<string> Set, DateTimeOffset? ReplacedAt)> _sets = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <param name="active">The Active replicas now.</param>
    /// <param name="leaving">Replicas shutting down or stopping now: Active before, perhaps before this replica looked.</param>
    public void Saw(IEnumerable<string> active, IEnumerable<string> leaving, DateTimeOffset now)
    {
        var set = active.ToHashSet(StringComparer.Ordinal);
        _seen.UnionWith(set);
        _seen.UnionWith(leaving);
        if (_sets.Count == 0 || !_sets[^1].Set.SetEquals(set))
        {
            if (_sets.Count > 0) _sets[^1] = (_sets[^1].Set, now);
            _sets.Add((set, null));
        }
        Forget(now);
    }

    /// <summary>The sets a grain may still have been placed by, oldest first; the last is the current one.</summary>
    public IReadOnlyList<IReadOnlyCollection<string>> Recent(DateTimeOffset now)
    {
        Forget(now);
        return [.. _sets.Select(s => (IReadOnlyCollection<string>)s.Set)];
    }

    public bool WasActive(string replica) => _seen.Contains(replica);

    /// <summary>A dead replica is forgotten once its death has been dealt with, unless it lives on under its name (a restart at its address).</summary>
    public void Buried(IEnumerable<string> dead)
    {
        foreach (var replica in dead)
            if (_sets.Count == 0 || !_sets[^1].Set.Contains(replica)) _seen.Remove(replica);
    }

    private void Forget(DateTimeOffset now)
    {
        _sets.RemoveAll(s => s.ReplacedAt is { } replaced && now - replaced > Remembered);
        if (_sets.Count > MostSets) _sets.RemoveRange(0, _sets.Count - MostSets);
    }
}
