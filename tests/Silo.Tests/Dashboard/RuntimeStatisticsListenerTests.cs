using System.Diagnostics.Metrics;
using Actors.Grains.Telemetry;
using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>
/// The listener against instruments shaped exactly like the grain call filter's and Orleans'
/// activation counter (an up-down counter of int tagged with Orleans' formatted type name), on meters of their own.
/// </summary>
public sealed class RuntimeStatisticsListenerTests : IDisposable
{
    private readonly string meterName = $"Actors.Test.{Guid.NewGuid():N}";
    private readonly string orleansMeterName = $"Orleans.Test.{Guid.NewGuid():N}";
    private readonly Meter meter;
    private readonly Meter orleans;
    private readonly RuntimeStatisticsListener listener;

    public RuntimeStatisticsListenerTests()
    {
        meter = new Meter(meterName);
        orleans = new Meter(orleansMeterName);
        listener = new RuntimeStatisticsListener(new RuntimeStatistics(new FakeTimeProvider(TestTime.Start)), meterName, orleansMeterName);
    }

    public void Dispose()
    {
        listener.Dispose();
        meter.Dispose();
        orleans.Dispose();
    }

    private static KeyValuePair<string, object?> Type(string grainType) => new(GrainCallTelemetry.GrainTypeTag, grainType);

    private static KeyValuePair<string, object?> OrleansType(string grainClass) => new(GrainCallTelemetry.OrleansTypeTag, grainClass);

    private const string BrokerClass = "Actors.Grains.Broker.BrokerGrain,Actors.Grains";

    [Fact]
    public void Calls_durations_and_activations_of_the_runtimes_instruments_are_aggregated()
    {
        var activations = orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations);
        var calls = meter.CreateCounter<long>(GrainCallTelemetry.GrainCallsTotal);
        var duration = meter.CreateHistogram<double>(GrainCallTelemetry.GrainCallDuration);

        activations.Add(1, OrleansType(BrokerClass));
        activations.Add(1, OrleansType(BrokerClass));
        calls.Add(1, Type("BrokerGrain"), new(GrainCallTelemetry.MethodTag, "Reconcile"), new(GrainCallTelemetry.ResultTag, GrainCallTelemetry.ResultOk));
        calls.Add(1, Type("BrokerGrain"), new(GrainCallTelemetry.MethodTag, "Reconcile"), new(GrainCallTelemetry.ResultTag, GrainCallTelemetry.ResultError));
        duration.Record(0.004, Type("BrokerGrain"), new(GrainCallTelemetry.MethodTag, "Reconcile"));

        var snapshot = listener.Snapshot();

        var broker = Assert.Single(snapshot.GrainTypes);
        Assert.Equal(("BrokerGrain", 2L), (broker.GrainType, broker.Activations));
        var reconcile = Assert.Single(snapshot.Methods);
        Assert.Equal((2L, 1L), (reconcile.Calls, reconcile.Errors));
        Assert.Equal(4.0, reconcile.AverageMilliseconds, 6);
    }

    [Fact]
    public void Orleans_own_system_grains_are_not_shown_among_the_operators()
    {
        var activations = orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations);
        activations.Add(1, OrleansType("Orleans.Runtime.Management.ManagementGrain,Orleans.Runtime"));
        activations.Add(1, OrleansType(BrokerClass));

        var shown = Assert.Single(listener.Snapshot().GrainTypes);
        Assert.Equal(("BrokerGrain", 1L), (shown.GrainType, shown.Activations));
    }

    [Fact]
    public void Other_instruments_on_the_meter_are_ignored()
    {
        meter.CreateCounter<long>("reconcile_total").Add(5, Type("BrokerGrain"));

        Assert.Empty(listener.Snapshot().GrainTypes);
    }

    [Fact]
    public void A_disposed_silo_meter_no_longer_counts_its_activations()
    {
        using var term = new Meter(orleansMeterName);
        term.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations).Add(4, OrleansType(BrokerClass));
        orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations).Add(1, OrleansType(BrokerClass));

        term.Dispose();

        Assert.Equal(1, Assert.Single(listener.Snapshot().GrainTypes).Activations);
    }
}
