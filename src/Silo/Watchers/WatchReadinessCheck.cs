using System.Globalization;
using Actors.Silo.Health;

namespace Actors.Silo.Watchers;

/// <summary>
/// The watches part of /readyz. A watch that has not heard from the API server for longer than
/// its idle timeout (no event, no bookmark, no reopened stream) leaves the operator blind: it
/// would keep acting on an old picture and nothing would say so. Such a replica is not ready,
/// and the detail names the stale kind and since when. A watch still syncing, or an operator with
/// no watches yet (starting) or any more (stopping), is ready: the read APIs serve either way.
/// </summary>
public sealed class WatchReadinessCheck(IOperatorWatches watches, TimeProvider time) : IReadinessCheck
{
    public string Name => "watches";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var all = watches.Watches;
        if (all.Count == 0) return ValueTask.FromResult(new ReadinessResult(true, "no watches: the operator is starting or stopping"));

        var stale = all.Where(w => w.IsStale).ToList();
        if (stale.Count > 0)
        {
            var now = time.GetUtcNow();
            var named = string.Join("; ", stale.Select(w => $"the {w.Scope} watch has not heard from the API server {Since(w.LastContact, now)}"));
            return ValueTask.FromResult(new ReadinessResult(false, $"{named}: its cache may be out of date"));
        }

        var syncing = all.Where(w => !w.HasSynced).Select(w => w.Scope).ToList();
        return ValueTask.FromResult(new ReadinessResult(true, syncing.Count == 0
            ? $"{all.Count} watches current"
            : $"{all.Count - syncing.Count} of {all.Count} watches synced; still listing {string.Join(", ", syncing)}"));
    }

    private static string Since(DateTimeOffset? contact, DateTimeOffset now) => contact is { } at
        ? string.Create(CultureInfo.InvariantCulture, $"since {at:yyyy-MM-dd'T'HH:mm:ss'Z'} ({(now - at).TotalSeconds:0}s ago)")
        : "since it started";
}
