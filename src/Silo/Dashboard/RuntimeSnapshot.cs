namespace Actors.Silo.Dashboard;

/// <summary>
/// The grains as the dashboard shows them, like the Orleans dashboard: activations per grain type
/// (Orleans' own count), and per grain method the calls, latency and errors over the
/// last <see cref="WindowSeconds"/> seconds. Served by GET /api/v1/runtime and on the
/// dashboard's event stream.
/// </summary>
public sealed record RuntimeSnapshot
{
    /// <summary>Length of the sliding window the rates and latencies are taken over.</summary>
    public int WindowSeconds { get; init; }
    public long Activations { get; init; }
    public double CallsPerSecond { get; init; }
    /// <summary>Failed calls within the window.</summary>
    public long Errors { get; init; }
    public IReadOnlyList<GrainTypeStatistics> GrainTypes { get; init; } = [];
    /// <summary>Busiest first.</summary>
    public IReadOnlyList<GrainMethodStatistics> Methods { get; init; } = [];
}

public sealed record GrainTypeStatistics
{
    public required string GrainType { get; init; }
    /// <summary>Live activations (Orleans' orleans-grains).</summary>
    public long Activations { get; init; }
    public double CallsPerSecond { get; init; }
    public long Errors { get; init; }
}

public sealed record GrainMethodStatistics
{
    public required string GrainType { get; init; }
    public required string Method { get; init; }
    /// <summary>Calls completed within the window.</summary>
    public long Calls { get; init; }
    public double CallsPerSecond { get; init; }
    /// <summary>Calls that failed within the window.</summary>
    public long Errors { get; init; }
    public double AverageMilliseconds { get; init; }
    /// <summary>99th percentile, rounded up to its latency bin (see <see cref="LatencyBins"/>).</summary>
    public double P99Milliseconds { get; init; }
    /// <summary>Since the silo started.</summary>
    public long TotalCalls { get; init; }
    public long TotalErrors { get; init; }
}
