namespace Actors.Runtime;

/// <summary>Names of the runtime's traces and metrics, for exporters and dashboards.</summary>
public static class ActorTelemetry
{
    /// <summary>ActivitySource with one span per grain call, named <c>IFoo/Method</c>.</summary>
    public const string ActivitySourceName = "Actors.Runtime";

    /// <summary>The Meter shared by the whole operator.</summary>
    public const string MeterName = "Actors";

    /// <summary>Up-down counter of live activations, tag <see cref="GrainTypeTag"/>.</summary>
    public const string GrainActivations = "grain_activations";

    /// <summary>Counter of completed calls, tags <see cref="GrainTypeTag"/>, <see cref="MethodTag"/>, <see cref="ResultTag"/> (ok/error).</summary>
    public const string GrainCallsTotal = "grain_calls_total";

    /// <summary>Histogram of call durations in seconds, tags <see cref="GrainTypeTag"/>, <see cref="MethodTag"/>.</summary>
    public const string GrainCallDuration = "grain_call_duration_seconds";

    /// <summary>Observable gauge of queued turns per grain type, tag <see cref="GrainTypeTag"/>.</summary>
    public const string GrainMailboxDepth = "grain_mailbox_depth";

    public const string GrainTypeTag = "grain_type";
    public const string MethodTag = "method";
    public const string ResultTag = "result";
    public const string ResultOk = "ok";
    public const string ResultError = "error";

    /// <summary>Span tag holding the grain id (<c>type/key</c>).</summary>
    public const string GrainIdTag = "grain.id";
}
