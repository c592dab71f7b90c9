using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Grains.Telemetry;

/// <summary>
/// Counts and times every call a grain of this operator receives, per grain type and method:
/// <c>grain_calls_total{grain_type,method,result}</c> and <c>grain_call_duration_seconds{grain_type,method}</c>.
/// Orleans measures messaging and activations, not per-method latency, which the dashboard shows.
/// A timer tick is a turn too and is counted as the method <c>timer</c>. Other grains (Orleans' own
/// system grains) pass untouched.
/// </summary>
public sealed class GrainCallMetrics(TimeProvider time) : IIncomingGrainCallFilter
{
    private static readonly Meter Meter = new(GrainCallTelemetry.MeterName);

    private static readonly Counter<long> Calls =
        Meter.CreateCounter<long>(GrainCallTelemetry.GrainCallsTotal, "{call}", "Grain calls completed, per grain type, method and result.");

    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>(GrainCallTelemetry.GrainCallDuration, "s", "Duration of grain calls, from the start of the turn.");

    /// <summary>The method name under which timer ticks are counted.</summary>
    public const string TimerMethod = "timer";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not { } grain || grain.GetType().Assembly != typeof(GrainCallMetrics).Assembly)
        {
            await context.Invoke();
            return;
        }

        var started = Duration.Enabled ? time.GetTimestamp() : 0;
        var grainType = context.TargetId.Type.ToString() ?? "";
        // A timer tick reaches the filter as a call to Orleans' own timer invoker: name it for what it is.
        var method = context.ImplementationMethod is { } implementation && implementation.DeclaringType?.Assembly == grain.GetType().Assembly
            ? implementation.Name
            : TimerMethod;
        var failed = true;
        try
        {
            await context.Invoke();
            failed = false;
        }
        finally
        {
            if (Calls.Enabled)
                Calls.Add(1, new TagList
                {
                    { GrainCallTelemetry.GrainTypeTag, grainType },
                    { GrainCallTelemetry.MethodTag, method },
                    { GrainCallTelemetry.ResultTag, failed ? GrainCallTelemetry.ResultError : GrainCallTelemetry.ResultOk },
                });
            if (Duration.Enabled)
                Duration.Record(time.GetElapsedTime(started).TotalSeconds, new TagList
                {
                    { GrainCallTelemetry.GrainTypeTag, grainType },
                    { GrainCallTelemetry.MethodTag, method },
                });
        }
    }
}
