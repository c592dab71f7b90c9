using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using k8s;
using k8s.Models;
using static Actors.EndToEnd.Tests.Silo.RollChecks;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// A replica of an operator cluster is one silo, whatever it watches: with
/// <c>--operator-cluster --watch-namespaces a,b</c> its one silo reconciles KafkaClusters in both
/// namespaces (each watched on its own) and leaves those of any other namespace alone.
/// </summary>
public sealed class OperatorClusterNamespacesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly SiloProcessWorld world = new(output, "cluster-namespaces");

    public async Task InitializeAsync()
    {
        await world.InitializeAsync();
        foreach (var ns in new[] { "a", "b", "c" })
            await world.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
    }

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task A_replica_watching_two_namespaces_reconciles_the_clusters_of_both_and_none_elsewhere()
    {
        var replica = await OperatorReplicas.StartAsync(world, "silo-a", "spaces", podNamespace: null, "--watch-namespaces", "a,b");
        var clusters = new KafkaClusters(world.Client);
        foreach (var ns in new[] { "a", "b", "c" }) await clusters.CreateAsync(Specs.Cluster(ns, controllers: 1, brokers: 1));

        foreach (var ns in new[] { "a", "b" })
            await Eventually.UntilAsync(async () => IsReadyAtRest(await clusters.GetAsync(Specs.ClusterName, ns)), $"the cluster in {ns} is Ready", Limit);

        Assert.Null((await clusters.GetAsync(Specs.ClusterName, "c")).Status);
        Assert.Empty((await world.Client.CoreV1.ListNamespacedPodAsync("c")).Items);
        Assert.Single(await OperatorReplicas.RowsAsync(world.Client, Actors.Grains.Hosting.SiloClustering.Kubernetes.MembershipPrefix + "spaces"));
        // One silo, four kinds watched in each of the two namespaces.
        Assert.Equal("12 watches current", await WatchesDetailAsync(replica));
    }

    private static async Task<string> WatchesDetailAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        using var answer = await http.GetAsync("/readyz");
        var checks = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["checks"]!.AsArray();
        return (string?)checks.First(c => (string?)c!["name"] == "watches")!["detail"] ?? "";
    }
}
