using System.Diagnostics;
using Actors.Runtime;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The names the silo traces and exports under. Each layer names its own ActivitySource
/// (<see cref="ActorTelemetry.ActivitySourceName"/>, <see cref="Kubernetes.KubernetesMetricNames.ActivitySourceName"/>,
/// <see cref="Grains.Telemetry.ReconcileTelemetry.SourceName"/>); all match the "Actors.*" wildcard,
/// and every layer measures on the one Meter the runtime names.
/// </summary>
public static class ActorsTelemetry
{
    public const string SourcePrefix = "Actors.";
    public const string ApiSourceName = "Actors.Api";
    public const string MeterName = ActorTelemetry.MeterName;

    /// <summary>Spans of the HTTP and gRPC APIs, one per request.</summary>
    public static readonly ActivitySource Api = new(ApiSourceName);
}
