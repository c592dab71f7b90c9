using System.Diagnostics.Metrics;
using Actors.Runtime;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Listens to the runtime's grain_* instruments on the Meter "Actors" — every runtime in the
/// process, including those a leadership term builds and tears down — and feeds
/// <see cref="RuntimeStatistics"/>. Started when the silo is composed, before any runtime
/// exists, so no activation is missed. <see cref="Snapshot"/> first polls the mailbox gauge.
/// </summary>
public sealed class RuntimeStatisticsListener : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly string meterName;
    private readonly Lock observing = new();
    private List<(string, long)>? depths;

    public RuntimeStatisticsListener(RuntimeStatistics statistics, string meterName = ActorTelemetry.MeterName)
    {
        Statistics = statistics;
        this.meterName = meterName;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == this.meterName && IsGrainInstrument(instrument.Name)) l.EnableMeasurementEvents(instrument);
        };
        listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (instrument.Name == ActorTelemetry.GrainActivations) Statistics.ForgetSource(instrument);
        };
        listener.SetMeasurementEventCallback<long>(OnLong);
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => OnLong(instrument, value, tags, state));
        listener.SetMeasurementEventCallback<double>(OnDouble);
        listener.Start();
    }

    public RuntimeStatistics Statistics { get; }

    public RuntimeSnapshot Snapshot()
    {
        lock (observing)
        {
            depths = [];
            listener.RecordObservableInstruments();
            Statistics.ObserveMailboxDepths(depths);
            depths = null;
        }

        return Statistics.Snapshot();
    }

    public void Dispose() => listener.Dispose();

    private static bool IsGrainInstrument(string name) =>
        name is ActorTelemetry.GrainActivations or ActorTelemetry.GrainCallsTotal or ActorTelemetry.GrainCallDuration or ActorTelemetry.GrainMailboxDepth;

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var grainType = Tag(tags, ActorTelemetry.GrainTypeTag);
        switch (instrument.Name)
        {
            case ActorTelemetry.GrainActivations:
                Statistics.RecordActivations(instrument, grainType, value);
                break;
            case ActorTelemetry.GrainCallsTotal:
                var failed = Tag(tags, ActorTelemetry.ResultTag) == ActorTelemetry.ResultError;
                for (var i = 0; i < value; i++) Statistics.RecordCall(grainType, Tag(tags, ActorTelemetry.MethodTag), failed);
                break;
            case ActorTelemetry.GrainMailboxDepth:
                depths?.Add((grainType, value));
                break;
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == ActorTelemetry.GrainCallDuration)
            Statistics.RecordDuration(Tag(tags, ActorTelemetry.GrainTypeTag), Tag(tags, ActorTelemetry.MethodTag), value);
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
