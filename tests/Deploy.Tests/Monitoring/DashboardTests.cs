using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>deploy/dashboards/grafana-kafka-operator.json imports into Grafana and charts only metrics the operator exports.</summary>
public sealed partial class DashboardTests
{
    const string DashboardFile = "deploy/dashboards/grafana-kafka-operator.json";

    static JsonObject Dashboard() => JsonNode.Parse(Repository.Read(DashboardFile))!.AsObject();

    /// <summary>Panels that query data; rows only group them.</summary>
    static IEnumerable<JsonNode> QueryPanels(JsonNode dashboard) =>
        dashboard.Items("panels").SelectMany(p => p.Str("type") == "row" ? p.Items("panels") : [p]);

    [Fact]
    public void Dashboard_is_json_with_a_title_a_uid_and_panels()
    {
        var text = Repository.Read(DashboardFile);

        var dashboard = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });

        Assert.False(string.IsNullOrEmpty(dashboard.Str("title")));
        Assert.False(string.IsNullOrEmpty(dashboard.Str("uid")));
        Assert.NotEmpty(QueryPanels(dashboard!));
    }

    [Fact]
    public void Every_panel_has_a_prometheus_datasource_and_at_least_one_query()
    {
        foreach (var panel in QueryPanels(Dashboard()))
        {
            var title = panel.Str("title");
            Assert.True(panel.Str("datasource", "type") == "prometheus", $"Panel '{title}' has no Prometheus datasource.");
            Assert.False(string.IsNullOrEmpty(panel.Str("datasource", "uid")), $"Panel '{title}' names no datasource uid.");
            var targets = panel.Items("targets");
            Assert.True(targets.Count > 0, $"Panel '{title}' has no targets.");
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.Str("expr")), $"Panel '{title}' has a target without an expression."));
            Assert.True(targets.Select(t => t.Str("refId")).Distinct().Count() == targets.Count, $"Panel '{title}' repeats a target refId.");
        }
    }

    [Fact]
    public void Panel_ids_are_unique()
    {
        var ids = Dashboard().Items("panels").SelectMany(p => p.Items("panels").Prepend(p)).Select(p => p.At("id")?.ToJsonString()).ToList();

        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_metric_the_dashboard_reads_is_exported_by_the_operator()
    {
        var dashboard = Dashboard();
        var uses = QueryPanels(dashboard)
            .SelectMany(panel => panel.Items("targets").SelectMany(t => PromQl.MetricNames(t.Str("expr")!)).Select(metric => (Where: $"panel '{panel.Str("title")}'", Metric: metric)))
            .Concat(dashboard.Items("templating", "list")
                .SelectMany(variable => VariableMetrics(variable).Select(metric => (Where: $"variable '{variable.Str("name")}'", Metric: metric))));

        var missing = uses.Where(use => !ExportedSeries.Names.Contains(use.Metric)).Select(use => $"{use.Where} reads {use.Metric}").Distinct().ToList();

        Assert.True(missing.Count == 0,
            $"{DashboardFile} reads metrics the operator does not export (no instrument creates them):\n  " + string.Join("\n  ", missing) +
            $"\nThe operator exports: {string.Join(", ", ExportedSeries.Names)}");
    }

    /// <summary>A query variable's metrics: Grafana's <c>label_values(metric, label)</c> or a PromQL query.</summary>
    static IEnumerable<string> VariableMetrics(JsonNode variable)
    {
        if (variable.Str("type") != "query") return [];
        var query = variable.Str("query", "query") ?? variable.Str("query") ?? "";
        var labelValues = LabelValues().Match(query);
        return labelValues.Success ? PromQl.MetricNames(labelValues.Groups["selector"].Value) : PromQl.MetricNames(query);
    }

    [GeneratedRegex(@"^\s*label_values\((?<selector>.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$")]
    private static partial Regex LabelValues();
}
