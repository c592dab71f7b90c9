namespace Actors.Kubernetes;

/// <summary>
/// How an informer's list and watch of one namespace (null: all namespaces, or a cluster-scoped
/// kind) stands: whether its first list is in the cache, when the API server last answered it,
/// whether that is longer ago than the watch's idle timeout, and its last failure (null while healthy).
/// </summary>
public sealed record NamespaceWatchState(string? Namespace, bool HasSynced, bool IsStale, DateTimeOffset? LastContact, Exception? LastError);
