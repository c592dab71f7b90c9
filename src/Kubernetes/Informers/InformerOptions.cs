namespace Actors.Kubernetes;

public sealed record InformerOptions
{
    /// <summary>Only this namespace; null watches all namespaces (or a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Only these namespaces, each with its own list and watch (resourceVersion, relist, backoff)
    /// feeding the one cache; empty: <see cref="Namespace"/> decides. Give one or the other.
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Every period each cached object is handed to OnUpdate again (old == new); null disables it.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Page size of the initial list and of relists.</summary>
    public long? PageSize { get; init; } = 500;

    /// <summary>Options of the watch behind the informer (backoff, idle timeout, bookmarks).</summary>
    public WatchOptions Watch { get; init; } = new();

    /// <summary>What gets its own list and watch: each of <see cref="Namespaces"/>, else <see cref="Namespace"/> (null: all).</summary>
    public IReadOnlyList<string?> Scopes()
    {
        if (Namespaces.Count == 0) return [Namespace];
        if (Namespace is not null)
            throw new ArgumentException($"InformerOptions: give Namespace ('{Namespace}') or Namespaces ({string.Join(", ", Namespaces)}), not both.");
        if (Namespaces.Any(string.IsNullOrEmpty))
            throw new ArgumentException("InformerOptions.Namespaces holds an empty name; leave Namespaces empty to watch all namespaces.");
        return [.. Namespaces.Distinct(StringComparer.Ordinal)];
    }
}
