using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>deploy/alerts/kafka-operator-rules.yaml loads into Prometheus and reads only metrics the operator exports.</summary>
public sealed class AlertRulesTests
{
    const string RulesFile = "deploy/alerts/kafka-operator-rules.yaml";

    static IReadOnlyList<System.Text.Json.Nodes.JsonNode> Alerts() =>
        Yaml.Object(Repository.Read(RulesFile)).Items("groups").SelectMany(g => g.Items("rules")).ToList();

    [Fact]
    public async Task Promtool_accepts_every_rule()
    {
        using var work = new WorkDirectory();

        var output = await InstalledTool.Promtool.Ok(["check", "rules", Repository.PathOf(RulesFile)], work.Path);

        Assert.Contains($"SUCCESS: {Alerts().Count} rules found", output);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_for_duration()
    {
        var alerts = Alerts();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var name = alert.Str("alert");
            Assert.False(string.IsNullOrEmpty(name), $"Every rule in {RulesFile} should be an alert: {alert.ToJsonString()}");
            Assert.Contains(alert.Str("labels", "severity"), new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(alert.Str("annotations", "summary")), $"{name} has no summary.");
            Assert.False(string.IsNullOrWhiteSpace(alert.Str("for")), $"{name} fires on the first bad sample: give it a 'for' duration.");
        }
    }

    [Fact]
    public void Every_metric_the_alerts_read_is_exported_by_the_operator()
    {
        var missing = Alerts()
            .SelectMany(alert => PromQl.MetricNames(alert.Str("expr")!).Select(metric => (Alert: alert.Str("alert"), Metric: metric)))
            .Where(use => !ExportedSeries.Names.Contains(use.Metric))
            .Select(use => $"{use.Alert} reads {use.Metric}")
            .ToList();

        Assert.True(missing.Count == 0,
            $"{RulesFile} reads metrics the operator does not export (no instrument creates them):\n  " + string.Join("\n  ", missing) +
            $"\nThe operator exports: {string.Join(", ", ExportedSeries.Names)}");
    }
}
