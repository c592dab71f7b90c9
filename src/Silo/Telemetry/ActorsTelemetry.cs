using System.Diagnostics;
using Actors.Grains.Telemetry;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The names the silo traces and exports under. Each layer names its own ActivitySource
/// (<see cref="Kubernetes.KubernetesMetricNames.ActivitySourceName"/>,
/// <see cref="Grains.Telemetry.ReconcileTelemetry.SourceName"/>); all match the "Actors.*" wildcard,
/// and every layer measures on the one Meter "Actors"; Orleans' own are exported beside them.
/// </summary>
public static class ActorsTelemetry
{
    public const string SourcePrefix = "Actors.";
    public const string ApiSourceName = "Actors.Api";
    public const string MeterName = GrainCallTelemetry.MeterName;

    /// <summary>Orleans' Meter: activations per grain class, messaging, membership, storage.</summary>
    public const string OrleansMeterName = GrainCallTelemetry.OrleansMeterName;

    /// <summary>Orleans' spans of grain calls (activity propagation is on in the operator's silo).</summary>
    public const string OrleansSources = "Microsoft.Orleans.Application";

    /// <summary>Spans of the HTTP and gRPC APIs, one per request.</summary>
    public static readonly ActivitySource Api = new(ApiSourceName);
}
