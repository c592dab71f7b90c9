using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Dashboard;

public sealed class RuntimeStatisticsTests
{
    private readonly FakeTimeProvider time = new(TestTime.Start);

    private RuntimeStatistics Statistics(int window = 10) => new(time, window);

    private static GrainMethodStatistics Method(RuntimeSnapshot snapshot, string type, string method) =>
        Assert.Single(snapshot.Methods, m => m.GrainType == type && m.Method == method);

    [Fact]
    public void Calls_per_second_are_taken_over_the_window()
    {
        var statistics = Statistics(window: 10);
        time.Advance(TimeSpan.FromSeconds(20)); // the collector is older than its window
        for (var i = 0; i < 30; i++) statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);

        var reconcile = Method(statistics.Snapshot(), "BrokerGrain", "Reconcile");

        Assert.Equal(30, reconcile.Calls);
        Assert.Equal(3.0, reconcile.CallsPerSecond);
    }

    [Fact]
    public void A_young_collector_divides_by_the_time_it_has_watched_not_the_whole_window()
    {
        var statistics = Statistics(window: 30);
        time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 10; i++) statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);

        Assert.Equal(2.0, Method(statistics.Snapshot(), "BrokerGrain", "Reconcile").CallsPerSecond);
    }

    [Fact]
    public void Calls_older_than_the_window_are_forgotten_but_stay_in_the_totals()
    {
        var statistics = Statistics(window: 10);
        statistics.RecordCall("BrokerGrain", "Reconcile", failed: true);
        statistics.RecordDuration("BrokerGrain", "Reconcile", 0.5);
        time.Advance(TimeSpan.FromSeconds(10));
        statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);
        statistics.RecordDuration("BrokerGrain", "Reconcile", 0.001);

        var reconcile = Method(statistics.Snapshot(), "BrokerGrain", "Reconcile");

        Assert.Equal(1, reconcile.Calls);
        Assert.Equal(0, reconcile.Errors);
        Assert.Equal(1.0, reconcile.AverageMilliseconds, 6);
        Assert.Equal(2, reconcile.TotalCalls);
        Assert.Equal(1, reconcile.TotalErrors);
    }

    [Fact]
    public void Errors_are_counted_per_method_and_summed_per_grain_type()
    {
        var statistics = Statistics();
        statistics.RecordCall("CoordinatorGrain", "Plan", failed: true);
        statistics.RecordCall("CoordinatorGrain", "Plan", failed: false);
        statistics.RecordCall("CoordinatorGrain", "Report", failed: true);
        statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);

        var snapshot = statistics.Snapshot();

        Assert.Equal(1, Method(snapshot, "CoordinatorGrain", "Plan").Errors);
        Assert.Equal(2, Assert.Single(snapshot.GrainTypes, t => t.GrainType == "CoordinatorGrain").Errors);
        Assert.Equal(0, Assert.Single(snapshot.GrainTypes, t => t.GrainType == "BrokerGrain").Errors);
        Assert.Equal(2, snapshot.Errors);
    }

    [Fact]
    public void Latency_shows_the_average_and_a_p99_that_is_never_below_the_slowest_percent()
    {
        var statistics = Statistics();
        for (var i = 0; i < 99; i++) statistics.RecordDuration("BrokerGrain", "Reconcile", 0.002);
        statistics.RecordDuration("BrokerGrain", "Reconcile", 0.200);
        for (var i = 0; i < 100; i++) statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);

        var reconcile = Method(statistics.Snapshot(), "BrokerGrain", "Reconcile");

        Assert.Equal((99 * 2.0 + 200) / 100, reconcile.AverageMilliseconds, 6);
        Assert.InRange(reconcile.P99Milliseconds, 2.0, 2.0 * 1.19);
    }

    [Fact]
    public void Activations_are_the_running_sum_of_each_types_ups_and_downs()
    {
        var statistics = Statistics();
        var runtime = new object();
        statistics.RecordActivations(runtime, "BrokerGrain", 1);
        statistics.RecordActivations(runtime, "BrokerGrain", 1);
        statistics.RecordActivations(runtime, "BrokerGrain", 1);
        statistics.RecordActivations(runtime, "BrokerGrain", -1);
        statistics.RecordActivations(runtime, "KafkaClusterGrain", 1);

        var snapshot = statistics.Snapshot();

        Assert.Equal(2, Assert.Single(snapshot.GrainTypes, t => t.GrainType == "BrokerGrain").Activations);
        Assert.Equal(3, snapshot.Activations);
    }

    [Fact]
    public void A_runtime_that_is_gone_takes_its_activations_with_it()
    {
        var statistics = Statistics();
        var lostTerm = new object();
        var newTerm = new object();
        statistics.RecordActivations(lostTerm, "BrokerGrain", 3);
        statistics.RecordActivations(newTerm, "BrokerGrain", 1);

        statistics.ForgetSource(lostTerm);

        Assert.Equal(1, Assert.Single(statistics.Snapshot().GrainTypes).Activations);
    }

    [Fact]
    public void The_busiest_method_comes_first()
    {
        var statistics = Statistics();
        statistics.RecordCall("KafkaClusterGrain", "Apply", failed: false);
        for (var i = 0; i < 5; i++) statistics.RecordCall("BrokerGrain", "Reconcile", failed: false);

        Assert.Equal("Reconcile", statistics.Snapshot().Methods[0].Method);
    }
}
