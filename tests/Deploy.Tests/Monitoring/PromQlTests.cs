using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>The metric-name reader the alert and dashboard checks rely on.</summary>
public sealed class PromQlTests
{
    [Theory]
    [InlineData("""sum by (controller) (rate(reconcile_total{result="error"}[5m])) > 0.1""", "reconcile_total")]
    [InlineData("sum by (cluster) (kafka_nodes_desired) - sum by (cluster) (kafka_nodes_ready) > 0", "kafka_nodes_desired kafka_nodes_ready")]
    [InlineData("max by (cluster) (progress) < 1 and max by (cluster) (changes(progress[30m])) == 0", "progress")]
    [InlineData("histogram_quantile(0.99, sum by (le, grain_type) (rate(calls_bucket[$__rate_interval])))", "calls_bucket")]
    [InlineData("""sum(rate(requests_total{code=~"5.."}[5m])) / clamp_min(sum(rate(requests_total[5m])), 1e-9) > 0.05""", "requests_total")]
    [InlineData("""up{job="a} b", instance=~'x{y}'} offset 5m""", "up")]
    [InlineData("sum without (pod) (a) / on (x) group_left (y) b", "a b")]
    [InlineData("sum(a) by (cluster)", "a")]
    [InlineData("""max by (name) (workqueue_depth{cluster=~"$cluster"})""", "workqueue_depth")]
    [InlineData("vector(1)", "")]
    public void Reads_the_metric_names_and_nothing_else(string expression, string expected)
    {
        var names = PromQl.MetricNames(expression);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names);
    }
}
