using System.Diagnostics.Metrics;
using Actors.Grains.Telemetry;
using OpenTelemetry.Metrics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// Which of Orleans' own instruments the operator exports: its live activations per grain class
/// (<c>orleans_grains{type}</c>), with a help text. The rest of its ~200 series carry no help text
/// and time in milliseconds, which Prometheus' conventions (and <c>promtool check metrics</c>)
/// refuse; the operator's own grain call series cover what the dashboards need from them.
/// </summary>
public static class OrleansSeries
{
    public static MetricStreamConfiguration? Select(Instrument instrument)
    {
        if (instrument.Meter.Name != GrainCallTelemetry.OrleansMeterName) return null;
        return instrument.Name == GrainCallTelemetry.OrleansActivations
            ? new MetricStreamConfiguration { Description = "Live grain activations in this silo, per grain class (Orleans' count)." }
            : MetricStreamConfiguration.Drop;
    }
}
