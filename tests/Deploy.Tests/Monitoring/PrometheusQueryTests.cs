using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Deploy.Tests.Support;
using Actors.Grains.Telemetry;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>
/// A real Prometheus scrapes the operator's /metrics (OpenTelemetry's exporter, with its
/// otel_scope_name label and target_info series) and answers every query the alert rules and the
/// Grafana dashboard ask, with the series the operator measured.
/// </summary>
public sealed class PrometheusQueryTests
{
    const string RulesFile = "deploy/alerts/kafka-operator-rules.yaml";
    const string DashboardFile = "deploy/dashboards/grafana-kafka-operator.json";

    // The families this test gives values to; queries reading only these must find series.
    static readonly string[] Measured = ["kafka_", "reconcile_", "workqueue_"];

    [Fact]
    public async Task Prometheus_evaluates_every_alert_rule_and_dashboard_query_over_the_scraped_operator()
    {
        await using var operatorMetrics = await OperatorMetricsHost.StartAsync();
        var cluster = $"kafka/queries-{Guid.NewGuid():N}"[..22];
        ClusterMetrics.Observe(cluster, new KafkaClusterStatus
        {
            Brokers = 3, ReadyBrokers = 2, Controllers = 3, ReadyControllers = 3,
            Operation = new OperationStatus { Type = "Roll", Progress = "1/3" },
        });
        ReconcileTelemetry.Record("kafkacluster", ReconcileTelemetry.Success, TimeSpan.FromMilliseconds(20));
        ReconcileTelemetry.Record("kafkacluster", ReconcileTelemetry.Error, TimeSpan.FromSeconds(2));
        RuntimeHelpers.RunClassConstructor(typeof(Actors.Grains.Cluster.ReconcileSlots).TypeHandle);
        try
        {
            await using var prometheus = PrometheusServer.Start(operatorMetrics.Address, Repository.PathOf(RulesFile));

            // Every rule evaluated without error (a vector match broken by an extra label errs).
            var rules = await prometheus.WaitForAsync("every rule evaluated", async () =>
            {
                var all = (await prometheus.ApiAsync("/api/v1/rules")).GetProperty("groups").EnumerateArray()
                    .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
                return all.Count > 0 && all.All(r => r.GetProperty("health").GetString() != "unknown") && await Scrapes(prometheus) >= 3 ? all : null;
            });
            Assert.Equal(AlertExpressions().Count, rules.Count);
            Assert.All(rules, rule => Assert.True(rule.GetProperty("health").GetString() == "ok",
                $"Rule {rule.GetProperty("name")} failed to evaluate: {(rule.TryGetProperty("lastError", out var e) ? e : default)}"));

            // The alerts about nodes and rollouts see this cluster through the exporter's labels.
            var alerts = AlertExpressions();
            Assert.Contains(cluster, Clusters(await prometheus.QueryAsync(alerts["KafkaClusterNodesNotReady"])));
            Assert.Contains(cluster, Clusters(await prometheus.QueryAsync(alerts["KafkaClusterRolloutStuck"])));

            foreach (var (panel, expression) in DashboardExpressions())
            {
                var result = await prometheus.QueryAsync(expression);
                if (PromQl.MetricNames(expression).All(metric => Measured.Any(metric.StartsWith)))
                    Assert.True(result.GetArrayLength() > 0, $"Panel '{panel}' found no series: {expression}");
            }

            // The dashboard's cluster picker: label_values(kafka_nodes_desired, cluster).
            var clusters = await prometheus.ApiAsync($"/api/v1/label/cluster/values?{Uri.EscapeDataString("match[]")}=kafka_nodes_desired");
            Assert.Contains(cluster, clusters.EnumerateArray().Select(c => c.GetString()));
        }
        finally
        {
            ClusterMetrics.Forget(cluster);
        }
    }

    static async Task<double> Scrapes(PrometheusServer prometheus)
    {
        var result = await prometheus.QueryAsync($"count_over_time(up{{job=\"{PrometheusServer.Job}\"}}[1m])");
        return result.GetArrayLength() == 1 ? double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    static IEnumerable<string?> Clusters(JsonElement vector) =>
        vector.EnumerateArray().Select(series => series.GetProperty("metric").TryGetProperty("cluster", out var c) ? c.GetString() : null);

    static IReadOnlyDictionary<string, string> AlertExpressions() =>
        Yaml.Object(Repository.Read(RulesFile)).Items("groups").SelectMany(g => g.Items("rules"))
            .ToDictionary(rule => rule.Str("alert")!, rule => rule.Str("expr")!);

    /// <summary>Each panel's queries with Grafana's variables filled in as Grafana would: every cluster, a 1m rate window.</summary>
    static IEnumerable<(string Panel, string Expression)> DashboardExpressions()
    {
        var dashboard = JsonNode.Parse(Repository.Read(DashboardFile))!;
        return dashboard.Items("panels")
            .SelectMany(p => p.Str("type") == "row" ? p.Items("panels") : [p])
            .SelectMany(panel => panel.Items("targets").Select(target => (panel.Str("title") ?? "", target.Str("expr")!
                .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                .Replace("$cluster", ".*", StringComparison.Ordinal))));
    }
}
