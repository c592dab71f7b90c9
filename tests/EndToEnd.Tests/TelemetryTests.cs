using Actors.Contracts.Kafka;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Telemetry;

namespace Actors.EndToEnd.Tests;

public sealed class TelemetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_reconcile_of_a_cluster_is_a_span_and_counts_in_reconcile_total_by_controller_and_result()
    {
        var spans = new ConcurrentQueue<Activity>();
        var counted = new ConcurrentQueue<(string Controller, string Result)>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReconcileTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
        using var metrics = new MeterListener();
        metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReconcileTelemetry.MeterName && instrument.Name == "reconcile_total") listener.EnableMeasurementEvents(instrument);
        };
        metrics.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            counted.Enqueue((all.FirstOrDefault(t => t.Key == "controller").Value as string ?? "", all.FirstOrDefault(t => t.Key == "result").Value as string ?? ""));
        });
        metrics.Start();

        await using var scenario = await KafkaScenario.StartAsync("telemetry", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1));
        await scenario.WaitUntilReadyAsync();

        var key = $"{scenario.Namespace}/{Specs.ClusterName}";
        Assert.Contains(spans, s => s.OperationName == "reconcile kafkacluster" && (string?)s.GetTagItem("grain.key") == key);
        Assert.Contains(spans, s => s.OperationName == "reconcile coordinator" && (string?)s.GetTagItem("grain.key") == key);
        Assert.Contains(counted, c => c == ("kafkacluster", ReconcileTelemetry.Success));
        Assert.Contains(counted, c => c == ("coordinator", ReconcileTelemetry.Requeue));
        Assert.Contains(counted, c => c == ("coordinator", ReconcileTelemetry.Success));
    }

    [Fact]
    public async Task Every_grain_call_and_timer_tick_counts_in_grain_calls_total_by_grain_type_and_method()
    {
        var calls = new ConcurrentQueue<(string GrainType, string Method, string Result)>();
        using var metrics = new MeterListener();
        metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainCallTelemetry.MeterName && instrument.Name == GrainCallTelemetry.GrainCallsTotal) listener.EnableMeasurementEvents(instrument);
        };
        metrics.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            string Tag(string key) => all.FirstOrDefault(t => t.Key == key).Value as string ?? "";
            calls.Enqueue((Tag(GrainCallTelemetry.GrainTypeTag), Tag(GrainCallTelemetry.MethodTag), Tag(GrainCallTelemetry.ResultTag)));
        });
        metrics.Start();

        await using var scenario = await KafkaScenario.StartAsync("grain-calls", output);
        // Events only wake the cluster grain; its passes are its timer's ticks. minReadySeconds adds a
        // wait no event ends, which only the timer (set to the coordinator's RecheckAfter) moves on.
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1);
        cluster.Spec = cluster.Spec! with { Rollout = new RolloutSpec { MinReadySeconds = 1 } };
        await scenario.CreateAsync(cluster);
        await scenario.WaitUntilReadyAsync();

        Assert.Contains(calls, c => c == (GrainCallTelemetry.ClusterGrainType, "WakeAsync", GrainCallTelemetry.ResultOk));
        Assert.Contains(calls, c => c == (GrainCallTelemetry.CoordinatorGrainType, "PassAsync", GrainCallTelemetry.ResultOk));
        Assert.Contains(calls, c => c == (GrainCallTelemetry.NodeGrainType, "CreateAsync", GrainCallTelemetry.ResultOk));
        Assert.Contains(calls, c => c == (GrainCallTelemetry.ClusterGrainType, GrainCallMetrics.TimerMethod, GrainCallTelemetry.ResultOk));
        // Only the operator's grains, and only their own methods or the timer.
        Assert.All(calls, c => Assert.True(GrainCallTelemetry.IsOperatorGrainType(c.GrainType) && !c.Method.Contains('.'), $"{c}"));
    }
}
