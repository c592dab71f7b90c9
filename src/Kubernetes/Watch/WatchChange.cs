using k8s.Models;

namespace Actors.Kubernetes;

public enum WatchChangeType
{
    Added,
    Modified,
    Deleted,
    /// <summary>Only a newer resourceVersion: nothing changed, but a resume may start from here.</summary>
    Bookmark,
    /// <summary>
    /// The server reported an error in the stream (<see cref="WatchChange{T}.Error"/>); the watch
    /// reopens by itself after a backoff. (410 is never shown: it becomes <see cref="Relisted"/>.)
    /// </summary>
    Error,
    /// <summary>
    /// Not from the server: the watch fell too far behind (410 Gone), so the collection was listed
    /// again. <see cref="WatchChange{T}.Items"/> is the whole current state; anything not in it
    /// was deleted meanwhile. Consumers resync from it; the watch continues after it.
    /// </summary>
    Relisted,
    /// <summary>
    /// An object arrived that cannot be read as the model (<see cref="WatchChange{T}.Skipped"/>
    /// says which and why). The watch has moved past it; nothing else is affected.
    /// </summary>
    Undecodable,
}

/// <summary>One change of a watched collection.</summary>
public sealed record WatchChange<T>(WatchChangeType Type, T? Object, string? ResourceVersion)
{
    /// <summary>The Status of an <see cref="WatchChangeType.Error"/> event.</summary>
    public V1Status? Error { get; init; }

    /// <summary>The full list of a <see cref="WatchChangeType.Relisted"/> event.</summary>
    public IReadOnlyList<T>? Items { get; init; }

    /// <summary>What a relist had to leave out, or the one object of an <see cref="WatchChangeType.Undecodable"/> event.</summary>
    public IReadOnlyList<UndecodableObject> Skipped { get; init; } = [];
}

/// <summary>
/// An object of a watched kind that the operator cannot read (a field out of range, a newer
/// schema, a hand edit): enough of its identity to report on it, and the decoder's reason.
/// </summary>
public sealed record UndecodableObject(
    ResourceType Type, string? Namespace, string? Name, string? Uid, string? ResourceVersion, long? Generation, string Reason, bool Deleted)
{
    public string Key => string.IsNullOrEmpty(Namespace) ? Name ?? "?" : $"{Namespace}/{Name}";

    public override string ToString() => $"{Type.Kind} {Key}: {Reason}";
}
