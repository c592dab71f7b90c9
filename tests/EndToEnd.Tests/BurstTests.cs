using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// A burst of clusters: 100 created at once, then, as soon as each has a status, all deleted at
/// once while their nodes are still starting. A burst must degrade to queueing, never to grain call
/// timeouts: every cluster gets a status, every one is shut down and let go, and the operator logs
/// no timeout. The times are printed (and written down in bench/README.md), not asserted.
/// </summary>
public sealed class BurstTests(ITestOutputHelper output)
{
    private const int Clusters = 100;

    [Fact]
    public async Task A_hundred_clusters_created_and_deleted_at_once_all_get_a_status_and_go_without_a_timeout()
    {
        var warnings = new WarningCollector();
        await using var scenario = await KafkaScenario.StartAsync("burst", output, logs: warnings);
        var names = Enumerable.Range(0, Clusters).Select(i => $"b{i:000}").ToList();
        var started = DateTimeOffset.UtcNow;

        await Task.WhenAll(names.Select(name =>
        {
            var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1);
            cluster.Metadata.Name = name;
            return scenario.CreateAsync(cluster);
        }));
        var statusAt = new Dictionary<string, TimeSpan>();
        await Eventually.UntilAsync(async () =>
        {
            foreach (var cluster in await scenario.Clusters.ListAsync(scenario.Namespace))
                if (cluster.Status?.ObservedGeneration >= 1 && !statusAt.ContainsKey(cluster.Metadata.Name))
                    statusAt[cluster.Metadata.Name] = DateTimeOffset.UtcNow - started;
            return statusAt.Count == Clusters ? statusAt : null;
        }, $"all {Clusters} clusters have a status", TimeSpan.FromMinutes(3));
        var times = statusAt.Values.Order().ToList();
        scenario.Log($"status of all {Clusters}: p50 {times[Clusters / 2].TotalMilliseconds:0} ms, p99 {times[Clusters * 99 / 100].TotalMilliseconds:0} ms, max {times[^1].TotalMilliseconds:0} ms");

        var deleting = DateTimeOffset.UtcNow;
        await Task.WhenAll(names.Select(name => scenario.Clusters.DeleteAsync(name, scenario.Namespace)));
        await Eventually.UntilAsync(async () => (await scenario.Clusters.ListAsync(scenario.Namespace)).Count == 0 ? "gone" : null,
            $"all {Clusters} clusters shut down and let go", TimeSpan.FromMinutes(3));
        scenario.Log($"all {Clusters} deleted after {(DateTimeOffset.UtcNow - deleting).TotalMilliseconds:0} ms");

        Assert.Empty(await scenario.ListPodsAsync());
        var timeouts = warnings.Lines.Where(line => line.Contains("Timeout", StringComparison.OrdinalIgnoreCase)
                                                    || line.Contains("did not arrive on time", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(timeouts.Count == 0, $"{timeouts.Count} timeouts in the operator's log, the first: {timeouts.FirstOrDefault()}");
    }
}
