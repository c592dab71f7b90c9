using System.Diagnostics.Metrics;
using Actors.Runtime;
using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>The listener against instruments shaped exactly like the runtime's, on a meter of its own.</summary>
public sealed class RuntimeStatisticsListenerTests : IDisposable
{
    private readonly string meterName = $"Actors.Test.{Guid.NewGuid():N}";
    private readonly Meter meter;
    private readonly RuntimeStatisticsListener listener;

    public RuntimeStatisticsListenerTests()
    {
        meter = new Meter(meterName);
        listener = new RuntimeStatisticsListener(new RuntimeStatistics(new FakeTimeProvider(TestTime.Start)), meterName);
    }

    public void Dispose()
    {
        listener.Dispose();
        meter.Dispose();
    }

    private static KeyValuePair<string, object?> Type(string grainType) => new(ActorTelemetry.GrainTypeTag, grainType);

    [Fact]
    public void Calls_durations_and_activations_of_the_runtimes_instruments_are_aggregated()
    {
        var activations = meter.CreateUpDownCounter<long>(ActorTelemetry.GrainActivations);
        var calls = meter.CreateCounter<long>(ActorTelemetry.GrainCallsTotal);
        var duration = meter.CreateHistogram<double>(ActorTelemetry.GrainCallDuration);

        activations.Add(1, Type("BrokerGrain"));
        activations.Add(1, Type("BrokerGrain"));
        calls.Add(1, Type("BrokerGrain"), new(ActorTelemetry.MethodTag, "Reconcile"), new(ActorTelemetry.ResultTag, ActorTelemetry.ResultOk));
        calls.Add(1, Type("BrokerGrain"), new(ActorTelemetry.MethodTag, "Reconcile"), new(ActorTelemetry.ResultTag, ActorTelemetry.ResultError));
        duration.Record(0.004, Type("BrokerGrain"), new(ActorTelemetry.MethodTag, "Reconcile"));

        var snapshot = listener.Snapshot();

        var broker = Assert.Single(snapshot.GrainTypes);
        Assert.Equal(("BrokerGrain", 2L), (broker.GrainType, broker.Activations));
        var reconcile = Assert.Single(snapshot.Methods);
        Assert.Equal((2L, 1L), (reconcile.Calls, reconcile.Errors));
        Assert.Equal(4.0, reconcile.AverageMilliseconds, 6);
    }

    [Fact]
    public void The_mailbox_gauge_is_read_when_a_snapshot_is_taken()
    {
        var depth = 3L;
        meter.CreateObservableGauge(ActorTelemetry.GrainMailboxDepth, () => new Measurement<long>(depth, Type("CoordinatorGrain")));

        var before = listener.Snapshot();
        depth = 0;
        var after = listener.Snapshot();

        Assert.Equal(3, Assert.Single(before.GrainTypes).MailboxDepth);
        Assert.Equal(0, Assert.Single(after.GrainTypes).MailboxDepth);
    }

    [Fact]
    public void Other_instruments_on_the_meter_are_ignored()
    {
        meter.CreateCounter<long>("reconcile_total").Add(5, Type("BrokerGrain"));

        Assert.Empty(listener.Snapshot().GrainTypes);
    }

    [Fact]
    public void A_disposed_runtime_meter_no_longer_counts_its_activations()
    {
        using var term = new Meter(meterName);
        term.CreateUpDownCounter<long>(ActorTelemetry.GrainActivations).Add(4, Type("BrokerGrain"));
        meter.CreateUpDownCounter<long>(ActorTelemetry.GrainActivations).Add(1, Type("BrokerGrain"));

        term.Dispose();

        Assert.Equal(1, Assert.Single(listener.Snapshot().GrainTypes).Activations);
    }
}
