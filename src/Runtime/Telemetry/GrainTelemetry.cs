using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Runtime;

/// <summary>
/// The runtime's instruments. Everything is skipped cheaply when nobody listens: no span without
/// an ActivityListener, no clock read for the histogram when it is disabled.
/// </summary>
internal sealed class GrainTelemetry : IDisposable
{
    public static readonly ActivitySource Source = new(ActorTelemetry.ActivitySourceName);

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _clock;

    public GrainTelemetry(IMeterFactory? meters, TimeProvider clock, Func<IEnumerable<Measurement<long>>> mailboxDepth)
    {
        _clock = clock;
        _meter = meters?.Create(ActorTelemetry.MeterName) ?? new Meter(ActorTelemetry.MeterName);
        _activations = _meter.CreateUpDownCounter<long>(ActorTelemetry.GrainActivations, "{activation}", "Live grain activations");
        _calls = _meter.CreateCounter<long>(ActorTelemetry.GrainCallsTotal, "{call}", "Grain calls completed");
        _duration = _meter.CreateHistogram<double>(ActorTelemetry.GrainCallDuration, "s", "Duration of grain calls, from the start of the turn");
        _meter.CreateObservableGauge(ActorTelemetry.GrainMailboxDepth, mailboxDepth, "{turn}", "Turns waiting in grain mailboxes");
    }

    public static Activity? CaptureParent() => Source.HasListeners() ? Activity.Current : null;

    public (Activity? Span, long? Started) CallStarted(GrainActivation activation, GrainMethod method, Activity? parent)
    {
        Activity? span = null;
        if (Source.HasListeners())
        {
            span = Source.StartActivity(method.DisplayName, ActivityKind.Server, parent?.Context ?? default);
            span?.SetTag(ActorTelemetry.GrainIdTag, activation.GrainId.ToString());
        }
        return (span, _duration.Enabled ? _clock.GetTimestamp() : null);
    }

    public void CallEnded(GrainActivation activation, GrainMethod method, (Activity? Span, long? Started) call, Exception? exception)
    {
        if (call.Span is { } span)
        {
            if (exception is not null) span.SetStatus(ActivityStatusCode.Error, exception.Message);
            span.Dispose();
        }
        if (_calls.Enabled)
            _calls.Add(1, new TagList
            {
                { ActorTelemetry.GrainTypeTag, activation.GrainType },
                { ActorTelemetry.MethodTag, method.Name },
                { ActorTelemetry.ResultTag, exception is null ? ActorTelemetry.ResultOk : ActorTelemetry.ResultError },
            });
        if (call.Started is { } started && _duration.Enabled)
            _duration.Record(_clock.GetElapsedTime(started).TotalSeconds, new TagList
            {
                { ActorTelemetry.GrainTypeTag, activation.GrainType },
                { ActorTelemetry.MethodTag, method.Name },
            });
    }

    public void Activated(GrainActivation activation) =>
        _activations.Add(1, new KeyValuePair<string, object?>(ActorTelemetry.GrainTypeTag, activation.GrainType));

    public void Deactivated(GrainActivation activation) =>
        _activations.Add(-1, new KeyValuePair<string, object?>(ActorTelemetry.GrainTypeTag, activation.GrainType));

    public void Dispose() => _meter.Dispose();
}
