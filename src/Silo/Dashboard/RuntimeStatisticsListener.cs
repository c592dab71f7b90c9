using System.Diagnostics.Metrics;
using Actors.Grains.Telemetry;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Listens to the grains' call series on the Meter "Actors" (<see cref="GrainCallMetrics"/>) and to
/// Orleans' activation counter on its own Meter — of every silo in the process, one per watched
/// namespace when the operator runs alone — and feeds <see cref="RuntimeStatistics"/>. Started when
/// the silo is composed, before any grain exists, so no activation is missed.
/// </summary>
public sealed class RuntimeStatisticsListener : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly string meterName;
    private readonly string orleansMeterName;

    public RuntimeStatisticsListener(RuntimeStatistics statistics, string meterName = GrainCallTelemetry.MeterName,
        string orleansMeterName = GrainCallTelemetry.OrleansMeterName)
    {
        Statistics = statistics;
        this.meterName = meterName;
        this.orleansMeterName = orleansMeterName;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (IsCallInstrument(instrument) || IsActivations(instrument)) l.EnableMeasurementEvents(instrument);
        };
        listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (IsActivations(instrument)) Statistics.ForgetSource(instrument);
        };
        listener.SetMeasurementEventCallback<long>(OnLong);
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => OnLong(instrument, value, tags, state));
        listener.SetMeasurementEventCallback<double>(OnDouble);
        listener.Start();
    }

    public RuntimeStatistics Statistics { get; }

    public RuntimeSnapshot Snapshot() => Statistics.Snapshot();

    public void Dispose() => listener.Dispose();

    private bool IsCallInstrument(Instrument instrument) =>
        instrument.Meter.Name == meterName && instrument.Name is GrainCallTelemetry.GrainCallsTotal or GrainCallTelemetry.GrainCallDuration;

    private bool IsActivations(Instrument instrument) =>
        instrument.Meter.Name == orleansMeterName && instrument.Name == GrainCallTelemetry.OrleansActivations;

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (IsActivations(instrument))
        {
            var type = Tag(tags, GrainCallTelemetry.GrainTypeTag);
            // Orleans counts its own system grains too; the page shows the operator's.
            if (GrainCallTelemetry.IsOperatorGrainType(type)) Statistics.RecordActivations(instrument, type, value);
        }
        else if (instrument.Name == GrainCallTelemetry.GrainCallsTotal)
        {
            var failed = Tag(tags, GrainCallTelemetry.ResultTag) == GrainCallTelemetry.ResultError;
            for (var i = 0; i < value; i++) Statistics.RecordCall(Tag(tags, GrainCallTelemetry.GrainTypeTag), Tag(tags, GrainCallTelemetry.MethodTag), failed);
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == GrainCallTelemetry.GrainCallDuration)
            Statistics.RecordDuration(Tag(tags, GrainCallTelemetry.GrainTypeTag), Tag(tags, GrainCallTelemetry.MethodTag), value);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key) return tag.Value?.ToString() ?? "";
        }

        return "";
    }
}
