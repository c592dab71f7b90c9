using Actors.Contracts.Grains;
using Actors.Grains.Broker;
using Actors.Grains.Coordinator;
using Actors.Grains.Placement;
using Actors.GrainRuntime.Tests.Membership;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Actors.GrainRuntime.Tests.Placement;

/// <summary>
/// Real operator silos sharing one cluster: each KafkaCluster's grains (cluster, coordinator, nodes)
/// live together on the cluster's home replica; a replica that joins takes the clusters whose home it
/// becomes, and only those move; every cluster answers after the move.
/// </summary>
public sealed class ClusterHomeSiloTests(MembershipApi api, ITestOutputHelper log) : IClassFixture<MembershipApi>, IAsyncLifetime
{
    private const int Clusters = 30;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly List<OperatorReplica> replicas = [];

    private static readonly string[] Keys = [.. Enumerable.Range(0, Clusters).Select(i => $"{MembershipApi.Namespace}/c{i:00}")];

    [Fact]
    public async Task A_joining_replica_takes_the_clusters_whose_home_it_is_and_each_clusters_grains_stay_together()
    {
        replicas.Add(await OperatorReplica.StartAsync(api.Client, "homes", "replica-a", installCrd: true));
        replicas.Add(await OperatorReplica.StartAsync(api.Client, "homes", "replica-b", installCrd: false));
        await UntilEverySeesAllAsync();
        foreach (var key in Keys) await RawKafkaClusters.CreateAsync(api.Client, MembershipApi.Namespace, key.Split('/')[1], brokers: 1, controllers: 1);
        foreach (var key in Keys) await TouchAsync(replicas[0].Grains, key);

        var before = await UntilEachClusterAtHomeAsync("with two replicas");
        log.WriteLine("two replicas: " + Spread(before));
        Assert.All(replicas, r => Assert.Contains(r.Address, before.Values));

        replicas.Add(await OperatorReplica.StartAsync(api.Client, "homes", "replica-c", installCrd: false));
        await UntilEverySeesAllAsync();
        var after = await UntilEachClusterAtHomeAsync("after the third replica joined");
        log.WriteLine("three replicas: " + Spread(after));

        var joined = replicas[2].Address;
        var moved = Keys.Where(k => !before[k].Equals(after[k])).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, k => Assert.Equal(joined, after[k])); // nothing moved between the first two
        Assert.Equal(moved.Count, after.Values.Count(s => s.Equals(joined)));
        log.WriteLine($"{moved.Count} of {Clusters} clusters moved, all to the joining replica");

        // Every cluster answers, asked through the joining replica: each of its grains wherever it lives.
        foreach (var key in Keys) await TouchAsync(replicas[2].Grains, key).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Calls each grain of the cluster: its cluster grain, coordinator and both nodes.</summary>
    private static async Task TouchAsync(IGrainFactory grains, string key)
    {
        await grains.GetGrain<IKafkaClusterGrain>(key).WakeAsync();
        await grains.GetGrain<ICoordinatorGrain>(key).GetOperationAsync();
        await grains.GetGrain<IBrokerGrain>($"{key}/controller-0").GetReportAsync();
        await grains.GetGrain<IBrokerGrain>($"{key}/broker-0").GetReportAsync();
    }

    private async Task UntilEverySeesAllAsync()
    {
        var all = replicas.Select(r => r.Address).ToHashSet();
        foreach (var observer in replicas)
            await Eventually.UntilAsync(async () => (await observer.ActiveSilosAsync()).ToHashSet().SetEquals(all),
                $"{observer.Address} sees all {all.Count} replicas Active", Limit);
    }

    /// <summary>
    /// Waits until every cluster has its four grains active, all on one replica, and that replica is
    /// the cluster's home among the replicas; returns each cluster's replica.
    /// </summary>
    private async Task<Dictionary<string, SiloAddress>> UntilEachClusterAtHomeAsync(string when)
    {
        var silos = replicas.Select(r => r.Address).ToList();
        string? last = null;
        try
        {
            return await Eventually.UntilAsync(async () =>
            {
                var byCluster = (await replicas[0].ActivationsAsync()).GroupBy(a => ClusterHome.ClusterKeyOf(a.Grain.Key.ToString()!))
                    .ToDictionary(g => g.Key, g => g.ToList());
                var wrong = Keys.Where(k => !byCluster.TryGetValue(k, out var grains) || grains.Count != 4
                    || grains.Any(g => !g.Silo.Equals(ClusterHome.Choose(k, silos, ClusterHomeDirector.ReplicaName)))).ToList();
                last = wrong.Count == 0 ? null : $"{wrong.Count} not all at home, e.g. {wrong[0]}: " +
                    string.Join(", ", byCluster.GetValueOrDefault(wrong[0], []).Select(g => $"{g.Grain} on {g.Silo}"));
                return wrong.Count == 0 ? byCluster.ToDictionary(c => c.Key, c => c.Value[0].Silo) : null;
            }, $"each cluster's grains together on its home {when}", Limit);
        }
        catch (Exception) when (last is not null)
        {
            log.WriteLine(last);
            throw;
        }
    }

    private string Spread(Dictionary<string, SiloAddress> places) =>
        string.Join(", ", replicas.Select(r => $"{r.Address} {places.Values.Count(s => s.Equals(r.Address))}"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas) await replica.DisposeAsync();
    }
}
