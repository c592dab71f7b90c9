namespace Actors.Kubernetes;

public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Where to start. Null: the server first sends the current objects as ADDED, then changes.
    /// A list's resourceVersion: only changes after that list.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask for BOOKMARK events so resumes start close to now (the server may ignore it).</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Server-side duration of one watch request; a random point in [t, 2t) like client-go spreads reconnects.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A stream silent for this long (no event, no bookmark) is taken as dead and reopened.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Page size of the relist after 410 Gone.</summary>
    public long? RelistPageSize { get; init; } = 500;

    public WatchBackoff Backoff { get; init; } = WatchBackoff.Default;

    /// <summary>
    /// Decode every object without its managedFields (skipped in the JSON, never materialised), for
    /// readers that would drop them anyway (client-go's TransformStripManagedFields, done earlier):
    /// one JSON document per field manager per event is much of what a watch allocates.
    /// </summary>
    public bool DropManagedFields { get; init; }

    /// <summary>Clock of backoff and idle timeouts (a fake clock in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
