namespace Actors.Kubernetes;

public sealed record InformerOptions
{
    /// <summary>Only this namespace; null watches all namespaces (or a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Every period each cached object is handed to OnUpdate again (old == new); null disables it.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Page size of the initial list and of relists.</summary>
    public long? PageSize { get; init; } = 500;

    /// <summary>Options of the watch behind the informer (backoff, idle timeout, bookmarks).</summary>
    public WatchOptions Watch { get; init; } = new();
}
