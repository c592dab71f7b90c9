namespace Actors.Grains.Cluster;

/// <summary>
/// When a cluster grain looks again without being woken by an event — controller-runtime's
/// <c>Result{RequeueAfter}</c>: the earliest of what the pass asked for (the coordinator's report,
/// a lost write race), the back-off of a refused write, and the periodic resync.
/// </summary>
public static class NextPass
{
    /// <param name="requested">What the pass asked for; null when only an event should wake it.</param>
    /// <param name="retryAt">When the first refused write is due again, if any.</param>
    /// <param name="requeueInterval">The shortest back-off: a refused write is not retried sooner.</param>
    /// <param name="resync">The longest wait: everything is looked at again at least this often.</param>
    public static TimeSpan After(TimeSpan? requested, DateTimeOffset? retryAt, DateTimeOffset now, TimeSpan requeueInterval, TimeSpan resync)
    {
        var next = resync;
        if (requested is { } asked) next = Min(next, asked < TimeSpan.Zero ? TimeSpan.Zero : asked);
        if (retryAt is { } at) next = Min(next, at - now > requeueInterval ? at - now : requeueInterval);
        return next;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
