namespace Actors.Grains.Telemetry;

/// <summary>
/// Names of the per-method grain call series the dashboard, the Grafana board and the alert rules
/// read (measured by <see cref="GrainCallMetrics"/>), and of Orleans' own activation count.
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

    /// <summary>Orleans' Meter, and its up-down counter of live activations per grain class (tag <see cref="OrleansTypeTag"/>).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string OrleansActivations = "orleans-grains";
    public const string OrleansTypeTag = "type";

    /// <summary>
    /// The grain class's short name from Orleans' formatted type name
    /// (<c>Actors.Grains.Cluster.KafkaClusterGrain,Actors.Grains</c> → <c>KafkaClusterGrain</c>), as our own series name grain types.
    /// </summary>
    public static string ShortGrainType(string orleansTypeName)
    {
        var assembly = orleansTypeName.IndexOf(',');
        var type = assembly < 0 ? orleansTypeName : orleansTypeName[..assembly];
        var dot = type.LastIndexOfAny(['.', '+']);
        return dot < 0 ? type : type[(dot + 1)..];
    }
}
