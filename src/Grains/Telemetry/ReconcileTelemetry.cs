using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Grains.Telemetry;

/// <summary>
/// A span per reconcile on ActivitySource "Actors.Grains", and controller-runtime's
/// <c>reconcile_total{controller,result}</c> and <c>reconcile_time_seconds{controller}</c> on Meter "Actors".
/// Defined here because the grains cannot reference the silo; the silo exports them by name.
/// </summary>
public static class ReconcileTelemetry
{
    public const string SourceName = "Actors.Grains";
    public const string MeterName = GrainCallTelemetry.MeterName;

    public const string Success = "success";
    public const string Error = "error";
    public const string Requeue = "requeue";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> ReconcileTotal =
        Meter.CreateCounter<long>("reconcile_total", description: "Reconciles per controller, by result (success, error, requeue).");

    public static readonly Histogram<double> ReconcileTime =
        Meter.CreateHistogram<double>("reconcile_time_seconds", unit: "s", description: "How long a reconcile took, per controller.");

    public static Activity? Start(string controller, string key)
    {
        var activity = Source.StartActivity($"reconcile {controller}");
        activity?.SetTag("controller", controller);
        activity?.SetTag("grain.key", key);
        return activity;
    }

    public static void Record(string controller, string result, TimeSpan took)
    {
        ReconcileTotal.Add(1, new KeyValuePair<string, object?>("controller", controller), new KeyValuePair<string, object?>("result", result));
        ReconcileTime.Record(took.TotalSeconds, new KeyValuePair<string, object?>("controller", controller));
    }
}
