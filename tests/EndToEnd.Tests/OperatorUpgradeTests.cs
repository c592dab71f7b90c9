using System.Text.Json;
using Actors.EndToEnd.Tests.Harness;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// The operator upgraded from the build before the Orleans port in the middle of a roll: the old
/// operator stopped after deleting a broker, its record of the operation left as it writes it (the
/// ConfigMap recreated, by another field manager, with the text in the previous build's format,
/// pinned in tests/GrainRuntime.Tests/Storage/UpgradeTests.cs), and the new operator started on it.
/// It must resume the roll without restarting any node a second time.
/// </summary>
public sealed class OperatorUpgradeTests(ITestOutputHelper output)
{
    private static readonly string[] Members = ["demo-controller-0", "demo-broker-0", "demo-broker-1", "demo-broker-2"];

    [Fact]
    public async Task An_operator_upgraded_mid_roll_resumes_from_the_previous_builds_record_without_restarting_any_node_twice()
    {
        await using var scenario = await KafkaScenario.StartAsync("upgrade", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 3));
        await scenario.WaitUntilReadyAsync();
        var mark = scenario.Timeline.Count;

        var generation = await scenario.UpdateSpecAsync(s => s with
        {
            Brokers = s.Brokers! with { Config = new Dictionary<string, string> { ["log.retention.hours"] = "48" } },
        });
        await Eventually.UntilAsync(() => scenario.Timeline.Deletions(mark).Any(d => d.Pod == "demo-broker-2"), "the roll stopped broker 2");
        await scenario.StopOperatorAsync();

        var state = await scenario.Api.Client.CoreV1.ReadNamespacedConfigMapAsync("demo-operator-state", scenario.Namespace);
        // A start time of its own, so the status shows whether the new operator carried this operation on.
        var previous = AsPreviousBuildWroteIt(state.Data["operation"], startedAt: "2026-12-01T00:00:00+00:00");
        scenario.Log($"record as the previous build writes it: {previous}");
        await scenario.Api.Client.CoreV1.DeleteNamespacedConfigMapAsync(state.Metadata.Name, scenario.Namespace);
        await scenario.Api.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = state.Metadata.Name,
                NamespaceProperty = scenario.Namespace,
                Labels = state.Metadata.Labels,
                OwnerReferences = state.Metadata.OwnerReferences,
            },
            Data = new Dictionary<string, string> { ["operation"] = previous },
        }, scenario.Namespace, fieldManager: "previous-operator-build");

        await scenario.StartOperatorAsync();
        await scenario.WaitUntilAsync(c => c.Status?.Operation?.StartedAt?.StartsWith("2026-12-01T00:00:00", StringComparison.Ordinal) == true,
            "the new operator reports the roll the previous build recorded");
        await scenario.WaitUntilReadyAsync(generation);

        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Deletions(mark).Select(d => d.Pod));
        Assert.Equal(["demo-broker-2", "demo-broker-1", "demo-broker-0"], scenario.Timeline.Creations(mark).Select(c => c.Pod));
        Assert.True(scenario.Timeline.MostUnavailable(Members, mark) <= 1, "more than maxUnavailable=1 nodes were unavailable at once");
    }

    /// <summary>The same operation in the text the previous build wrote (key order and names as pinned).</summary>
    private static string AsPreviousBuildWroteIt(string current, string startedAt)
    {
        var operation = JsonDocument.Parse(current).RootElement.GetProperty("operation");
        var deletions = operation.GetProperty("deletions").EnumerateArray().Select(d =>
        {
            var node = d.GetProperty("node");
            var revision = d.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.String ? $"\"{r.GetString()}\"" : "null";
            return $"{{\"node\":{{\"role\":\"{node.GetProperty("role").GetString()}\",\"ordinal\":{node.GetProperty("ordinal").GetInt32()}}}," +
                   $"\"podUid\":\"{d.GetProperty("podUid").GetString()}\",\"cause\":\"{d.GetProperty("cause").GetString()}\",\"revision\":{revision}}}";
        });
        return $"{{\"operation\":{{\"kind\":\"{operation.GetProperty("kind").GetString()}\",\"startedAt\":\"{startedAt}\"," +
               $"\"deletions\":[{string.Join(",", deletions)}]}}}}";
    }
}
