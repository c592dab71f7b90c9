using System.Diagnostics.Metrics;
using Actors.Grains.Telemetry;
using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>
/// The listener against instruments shaped exactly like the grain call filter's and Orleans'
/// activation counter (an up-down counter of int tagged with the grain type), on meters of their own.
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

    private static KeyValuePair<string, object?> OrleansType(string grainType) => new(GrainCallTelemetry.GrainTypeTag, grainType);

    private const string NodeType = GrainCallTelemetry.NodeGrainType;

    [Fact]
    public void Calls_durations_and_activations_of_the_runtimes_instruments_are_aggregated()
    {
        var activations = orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations);
        var calls = meter.CreateCounter<long>(GrainCallTelemetry.GrainCallsTotal);
        var duration = meter.CreateHistogram<double>(GrainCallTelemetry.GrainCallDuration);

        activations.Add(1, OrleansType(NodeType));
        activations.Add(1, OrleansType(NodeType));
        calls.Add(1, Type(GrainCallTelemetry.NodeGrainType), new(GrainCallTelemetry.MethodTag, "Reconcile"), new(GrainCallTelemetry.ResultTag, GrainCallTelemetry.ResultOk));
        calls.Add(1, Type(GrainCallTelemetry.NodeGrainType), new(GrainCallTelemetry.MethodTag, "Reconcile"), new(GrainCallTelemetry.ResultTag, GrainCallTelemetry.ResultError));
        duration.Record(0.004, Type(GrainCallTelemetry.NodeGrainType), new(GrainCallTelemetry.MethodTag, "Reconcile"));

        var snapshot = listener.Snapshot();

        var broker = Assert.Single(snapshot.GrainTypes);
        Assert.Equal((GrainCallTelemetry.NodeGrainType, 2L), (broker.GrainType, broker.Activations));
        var reconcile = Assert.Single(snapshot.Methods);
        Assert.Equal((2L, 1L), (reconcile.Calls, reconcile.Errors));
        Assert.Equal(4.0, reconcile.AverageMilliseconds, 6);
    }

    [Fact]
    public void Orleans_own_system_grains_are_not_shown_among_the_operators()
    {
        var activations = orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations);
        activations.Add(1, OrleansType("sys.svc.management"));
        activations.Add(1, OrleansType(NodeType));

        var shown = Assert.Single(listener.Snapshot().GrainTypes);
        Assert.Equal((GrainCallTelemetry.NodeGrainType, 1L), (shown.GrainType, shown.Activations));
    }

    [Fact]
    public void Other_instruments_on_the_meter_are_ignored()
    {
        meter.CreateCounter<long>("reconcile_total").Add(5, Type(GrainCallTelemetry.NodeGrainType));

        Assert.Empty(listener.Snapshot().GrainTypes);
    }

    [Fact]
    public void A_disposed_silo_meter_no_longer_counts_its_activations()
    {
        using var term = new Meter(orleansMeterName);
        term.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations).Add(4, OrleansType(NodeType));
        orleans.CreateUpDownCounter<int>(GrainCallTelemetry.OrleansActivations).Add(1, OrleansType(NodeType));

        term.Dispose();

        Assert.Equal(1, Assert.Single(listener.Snapshot().GrainTypes).Activations);
    }
}
