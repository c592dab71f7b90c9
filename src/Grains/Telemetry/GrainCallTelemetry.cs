namespace Actors.Grains.Telemetry;

/// <summary>
/// Names of the per-method grain call series the dashboard, the Grafana board and the alert rules
/// read (measured by <see cref="GrainCallMetrics"/>), of Orleans' own activation count, and of the
/// operator's grain types: both tag a grain by its Orleans grain type, so they join on <c>grain_type</c>.
/// </summary>
public static class GrainCallTelemetry
{
    /// <summary>The Meter shared by the whole operator.</summary>
    public const string MeterName = "Actors";

    /// <summary>Counter of completed calls, tags <see cref="GrainTypeTag"/>, <see cref="MethodTag"/>, <see cref="ResultTag"/> (ok/error).</summary>
    public const string GrainCallsTotal = "grain_calls_total";

    /// <summary>Histogram of call durations in seconds, tags <see cref="GrainTypeTag"/>, <see cref="MethodTag"/>.</summary>
    public const string GrainCallDuration = "grain_call_duration_seconds";

    public const string GrainTypeTag = "grain_type";
    public const string MethodTag = "method";
    public const string ResultTag = "result";
    public const string ResultOk = "ok";
    public const string ResultError = "error";

    /// <summary>Orleans' Meter, and its up-down counter of live activations per grain type (tag <see cref="GrainTypeTag"/> too).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string OrleansActivations = "orleans-grains";

    /// <summary>The operator's grain types, as Orleans names them (<c>[GrainType]</c>) and as every series tags them.</summary>
    public const string ClusterGrainType = "kafkacluster";
    public const string CoordinatorGrainType = "coordinator";
    public const string NodeGrainType = "node";

    public static bool IsOperatorGrainType(string grainType) =>
        grainType is ClusterGrainType or CoordinatorGrainType or NodeGrainType;
}
