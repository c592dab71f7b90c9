namespace Actors.Contracts.Api;

/// <summary>A Kubernetes event about a cluster or one of its nodes.</summary>
public sealed record ClusterEventView
{
    /// <summary>Normal or Warning.</summary>
    public required string Type { get; init; }
    /// <summary>CamelCase reason, e.g. BrokerRestarted.</summary>
    public required string Reason { get; init; }
    public string Message { get; init; } = "";
    /// <summary>When it last happened.</summary>
    public DateTimeOffset Time { get; init; }
    /// <summary>How many times it happened (Kubernetes folds repeats into one event).</summary>
    public int Count { get; init; } = 1;
}
