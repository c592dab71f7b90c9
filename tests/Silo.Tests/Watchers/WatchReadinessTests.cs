using Actors.Emulator;
using Actors.Grains.Cluster;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using Actors.Contracts.Kafka;
using Actors.Silo.Tests.Support;
using k8s.Models;
using Actors.Silo.Watchers;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Watchers;

/// <summary>
/// /readyz says when the operator has gone blind: a watch that has not heard from the API server
/// for longer than its idle timeout makes the replica not ready, naming the kind.
/// </summary>
public sealed class WatchReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider clock = new(TestTime.Start);
    private EmulatedCluster cluster = null!;

    // No bookmarks during the test: only the test's clock and the cut link decide whether the server was heard.
    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync(new EmulatorOptions { Namespaces = ["kafka"], BookmarkInterval = TimeSpan.FromHours(1) });
        await new CustomResourceInstaller(cluster.Client()).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task A_watch_cut_off_from_the_api_server_for_longer_than_its_idle_timeout_makes_the_replica_not_ready_naming_the_kind()
    {
        var (informer, link) = await WatchingAsync();
        await using var _ = informer;
        var check = new WatchReadinessCheck(new FixedWatches(() => [.. WatchState.Of(informer)]), clock);
        Assert.True((await check.CheckAsync(CancellationToken.None)).Ready);

        link.Cut();
        clock.Advance(IdleTimeout);
        Assert.True((await check.CheckAsync(CancellationToken.None)).Ready); // exactly the timeout: not yet stale
        clock.Advance(TimeSpan.FromSeconds(1));

        var stale = await check.CheckAsync(CancellationToken.None);
        Assert.False(stale.Ready);
        Assert.Contains("the KafkaCluster watch has not heard from the API server since 2026-01-01T00:00:00Z (31s ago)", stale.Detail);
    }

    [Fact]
    public async Task The_replica_is_ready_again_once_the_watch_hears_from_the_api_server()
    {
        var (informer, link) = await WatchingAsync();
        await using var _ = informer;
        var check = new WatchReadinessCheck(new FixedWatches(() => [.. WatchState.Of(informer)]), clock);
        link.Cut();
        clock.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        Assert.False((await check.CheckAsync(CancellationToken.None)).Ready);

        link.Restore();
        // The watch reopens after its back-off, which runs on the test's clock.
        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await check.CheckAsync(CancellationToken.None)).Ready;
        }, "the watch has reopened and the replica is ready");
    }

    [Fact]
    public async Task An_operator_without_watches_while_it_starts_or_stops_is_ready()
    {
        var result = await new WatchReadinessCheck(new FixedWatches(() => []), clock).CheckAsync(CancellationToken.None);

        Assert.Equal((true, "no watches: the operator is starting or stopping"), (result.Ready, result.Detail));
    }

    [Fact]
    public async Task A_watch_still_listing_is_ready_and_said_to_be_listing()
    {
        var result = await new WatchReadinessCheck(new FixedWatches(() =>
        [
            new WatchState("KafkaCluster", "kafka", HasSynced: true, IsStale: false, clock.GetUtcNow()),
            new WatchState("Pod", "kafka", HasSynced: false, IsStale: false, null),
        ]), clock).CheckAsync(CancellationToken.None);

        Assert.True(result.Ready);
        Assert.Equal("1 of 2 watches synced; still listing Pod in kafka", result.Detail);
    }

    /// <summary>
    /// An informer of KafkaClusters on the test's clock whose watch is known to be open: it has
    /// delivered a cluster created after the list. Until then a watch request may still be in
    /// flight, and its answer would count as the server being heard.
    /// </summary>
    private async Task<(Informer<KafkaCluster> Informer, NetworkLink Link)> WatchingAsync()
    {
        var informer = new Informer<KafkaCluster>(cluster.Client(out var link), new InformerOptions
        {
            ResyncPeriod = null,
            Watch = new WatchOptions { IdleTimeout = IdleTimeout, TimeProvider = clock },
        });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(Eventually.Limit);
        await new KafkaClusters(cluster.Client()).CreateAsync(new KafkaCluster
        {
            Metadata = new V1ObjectMeta { Name = "demo", NamespaceProperty = "kafka" },
            Spec = new KafkaClusterSpec
            {
                Version = "3.9.0",
                Brokers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
                Controllers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
            },
        });
        await Eventually.UntilAsync(() => informer.Get("demo", "kafka") is not null, "the watch has delivered the new cluster");
        return (informer, link);
    }

    private sealed class FixedWatches(Func<IReadOnlyList<WatchState>> current) : IOperatorWatches
    {
        public IReadOnlyList<WatchState> Watches => current();
    }
}
