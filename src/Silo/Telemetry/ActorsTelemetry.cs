using System.Diagnostics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The names every layer traces and measures under: one ActivitySource per layer, all
/// matched by the "Actors.*" wildcard, and the single Meter "Actors".
/// </summary>
public static class ActorsTelemetry
{
    public const string SourcePrefix = "Actors.";
    public const string ApiSourceName = "Actors.Api";
    public const string RuntimeSourceName = "Actors.Runtime";
    public const string KubernetesSourceName = "Actors.Kubernetes";
    public const string GrainsSourceName = "Actors.Grains";
    public const string MeterName = "Actors";

    /// <summary>Spans of the HTTP and gRPC APIs, one per request.</summary>
    public static readonly ActivitySource Api = new(ApiSourceName);
}
