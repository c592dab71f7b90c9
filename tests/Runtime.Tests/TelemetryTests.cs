using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Calls_activations_and_durations_are_measured_per_grain_type_method_and_result()
    {
        await using var silo = new TestSilo();
        var meters = silo.Services.GetRequiredService<IMeterFactory>();
        var longs = new List<(string Name, long Value, Dictionary<string, object?> Tags)>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ActorTelemetry.MeterName && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => { lock (longs) longs.Add((i.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))); });
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => { lock (durations) durations.Add(value); });
        listener.Start();

        var counter = silo.Get<ICounterGrain>("m");
        await counter.Increment().Within();
        await Assert.ThrowsAsync<CounterRefusedException>(() => counter.Refuse("no").Within());
        listener.RecordObservableInstruments();

        lock (longs)
        {
            Assert.Contains(longs, m => m.Name == ActorTelemetry.GrainActivations && m.Value == 1 && (string?)m.Tags[ActorTelemetry.GrainTypeTag] == "CounterGrain");
            Assert.Contains(longs, m => m.Name == ActorTelemetry.GrainCallsTotal && (string?)m.Tags[ActorTelemetry.MethodTag] == "Increment" && (string?)m.Tags[ActorTelemetry.ResultTag] == "ok");
            Assert.Contains(longs, m => m.Name == ActorTelemetry.GrainCallsTotal && (string?)m.Tags[ActorTelemetry.MethodTag] == "Refuse" && (string?)m.Tags[ActorTelemetry.ResultTag] == "error");
            Assert.Contains(longs, m => m.Name == ActorTelemetry.GrainMailboxDepth && (string?)m.Tags[ActorTelemetry.GrainTypeTag] == "CounterGrain");
        }
        lock (durations) Assert.Equal(2, durations.Count);
    }

    [Fact]
    public async Task Each_call_is_a_span_named_interface_slash_method_tagged_with_the_grain_id()
    {
        await using var silo = new TestSilo();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ActorTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        using var parentSource = new ActivitySource("Actors.Runtime.Tests");
        using var parentListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Actors.Runtime.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(parentListener);

        using (var parent = parentSource.StartActivity("reconcile"))
        {
            await silo.Get<ICounterGrain>("span-key").Increment().Within();

            lock (spans)
            {
                var span = Assert.Single(spans, s => (string?)s.GetTagItem(ActorTelemetry.GrainIdTag) == "CounterGrain/span-key");
                Assert.Equal("ICounterGrain/Increment", span.DisplayName);
                Assert.Equal(parent!.TraceId, span.TraceId);
            }
        }
    }
}
