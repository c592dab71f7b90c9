namespace Actors.Grains.Rejections;

/// <summary>
/// The rejected steps of one cluster and when each may be tried again. Pure (time comes in as
/// <c>now</c>), kept by the cluster grain's activation. Recording says whether a refusal is new —
/// a different object, kind or server message — because only a new one is logged and becomes a
/// Warning Event; the same refusal again only pushes the next try further out.
/// </summary>
public sealed class RejectionLedger(RetryBackoff backoff)
{
    private sealed record Entry(Rejection Rejection, int Refusals, DateTimeOffset RetryAt, string? Attempted);

    private readonly Dictionary<StepTarget, Entry> _entries = [];
    private readonly Dictionary<StepTarget, int> _conflicts = [];

    /// <summary>Every standing rejection, in a stable order (by role, then object).</summary>
    public IReadOnlyList<Rejection> Current =>
        [.. _entries.Values.Select(e => e.Rejection).OrderBy(r => r.Target.Role).ThenBy(r => r.Target.ToString(), StringComparer.Ordinal)];

    /// <summary>When the earliest rejected step may be tried again; null when nothing is rejected.</summary>
    public DateTimeOffset? NextRetryAt => _entries.Count == 0 ? null : _entries.Values.Min(e => e.RetryAt);

    /// <summary>
    /// The earliest retry still ahead of <paramref name="now"/>; null when none is. A step already due
    /// that was not retried (its write had nothing new to say) does not hide the others' retries.
    /// </summary>
    public DateTimeOffset? NextRetryAfter(DateTimeOffset now) =>
        _entries.Values.Where(e => e.RetryAt > now).Select(e => (DateTimeOffset?)e.RetryAt).Min();

    /// <summary>
    /// Whether <paramref name="target"/> may be written now: never rejected, its back-off is over,
    /// or what would be written (<paramref name="attempt"/>) differs from what was refused.
    /// </summary>
    public bool IsDue(StepTarget target, DateTimeOffset now, string? attempt = null) =>
        !_entries.TryGetValue(target, out var entry) || now >= entry.RetryAt || (attempt is not null && attempt != entry.Attempted);

    /// <summary>False while a node step was refused and its back-off is not over: the coordinator waits.</summary>
    public bool NodeStepsDue(DateTimeOffset now) =>
        _entries.Values.All(e => e.Rejection.Target.Role != StepRole.NodeObject || now >= e.RetryAt);

    /// <summary>Counts a 409 on <paramref name="target"/>; returns how many came in a row.</summary>
    public int NoteConflict(StepTarget target) => _conflicts[target] = _conflicts.GetValueOrDefault(target) + 1;

    /// <summary>Records a refusal; true when it is new (not the same refusal as last time).</summary>
    public bool Record(Rejection rejection, DateTimeOffset now, string? attempted = null)
    {
        var target = rejection.Target;
        var previous = _entries.GetValueOrDefault(target);
        var refusals = (previous?.Refusals ?? 0) + 1;
        _entries[target] = new Entry(rejection, refusals, now + backoff.After(refusals), attempted);
        return previous is null || !previous.Rejection.SameAs(rejection);
    }

    /// <summary>The write went through; true when it had been rejected (so its recovery is worth a line).</summary>
    public bool Clear(StepTarget target)
    {
        _conflicts.Remove(target);
        return _entries.Remove(target);
    }

    /// <summary>A coordinator pass went through: every node step it needed was accepted.</summary>
    public IReadOnlyList<StepTarget> ClearNodeSteps()
    {
        var cleared = _entries.Keys.Where(t => t.Role == StepRole.NodeObject).ToList();
        foreach (var target in cleared) Clear(target);
        foreach (var target in _conflicts.Keys.Where(t => t.Role == StepRole.NodeObject).ToList()) _conflicts.Remove(target);
        return cleared;
    }
}
