namespace Actors.Kubernetes;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    /// <summary>Only a newer resourceVersion: nothing changed, but a resume may start from here.</summary>
    Bookmark,
    /// <summary>
    /// The server reported an error in the stream (<see cref="WatchEvent{T}.Error"/>); the watch
    /// reopens by itself after a backoff. (410 is never shown: it becomes <see cref="Relisted"/>.)
    /// </summary>
    Error,
    /// <summary>
    /// Not from the server: the watch fell too far behind (410 Gone), so the collection was listed
    /// again. <see cref="WatchEvent{T}.Items"/> is the whole current state; anything not in it
    /// was deleted meanwhile. Consumers resync from it; the watch continues after it.
    /// </summary>
    Relisted,
}

/// <summary>One change of a watched collection.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion)
{
    /// <summary>The Status of an <see cref="WatchEventType.Error"/> event.</summary>
    public Status? Error { get; init; }

    /// <summary>The full list of a <see cref="WatchEventType.Relisted"/> event.</summary>
    public IReadOnlyList<T>? Items { get; init; }
}
