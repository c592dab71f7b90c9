using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.Support;
using k8s.Models;

namespace Actors.Silo.Tests.Hosting;

/// <summary>The operator acts from the replica's start-up, with nobody to ask first, and stops with it.</summary>
public sealed class OperatorSilosTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;
    private k8s.Kubernetes client = null!;
    private KafkaClusters clusters = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync("kafka", "team-b");
        client = cluster.Client();
        clusters = new KafkaClusters(client);
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await clusters.CreateAsync(Demo("kafka"));
    }

    private static KafkaCluster Demo(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "demo", NamespaceProperty = ns },
        Spec = new KafkaClusterSpec
        {
            Version = "3.9.0",
            Brokers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
            Controllers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
        },
    };

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_replica_alone_reconciles_from_start_up_and_stops_its_silo_and_watches_with_the_host()
    {
        Assert.Null((await clusters.GetAsync("demo", "kafka")).Status);

        var running = await RunningOperator.StartAsync(client, "kafka");
        try
        {
            await Eventually.UntilAsync(async () => (await clusters.GetAsync("demo", "kafka")).Status?.ObservedGeneration == 1,
                "the cluster grain has written the status");
            Assert.Equal(Orleans.Runtime.SiloStatus.Active, running.SiloStatus);
            Assert.NotEmpty(running.Watches);
        }
        finally
        {
            await running.StopWithinLimitAsync();
        }

        Assert.False(running.IsRunning);
        Assert.Null(running.SiloStatus);
        Assert.Empty(running.Watches);
    }

    [Fact]
    public async Task A_replica_alone_runs_one_silo_for_a_set_of_namespaces_and_reconciles_the_clusters_of_each()
    {
        await clusters.CreateAsync(Demo("team-b"));

        var running = await RunningOperator.StartAsync(client, "kafka", "team-b");
        try
        {
            foreach (var ns in new[] { "kafka", "team-b" })
                await Eventually.UntilAsync(async () => (await clusters.GetAsync("demo", ns)).Status?.ObservedGeneration == 1,
                    $"the cluster grain of {ns}/demo has written the status");
            // One silo: one watch per kind in each namespace, not one operator per namespace.
            Assert.Equal(
                ["ConfigMap in kafka", "ConfigMap in team-b", "KafkaCluster in kafka", "KafkaCluster in team-b",
                 "PersistentVolumeClaim in kafka", "PersistentVolumeClaim in team-b", "Pod in kafka", "Pod in team-b",
                 "PodDisruptionBudget in kafka", "PodDisruptionBudget in team-b", "Service in kafka", "Service in team-b"],
                running.Watches.Select(w => w.Scope).Order());
        }
        finally
        {
            await running.StopWithinLimitAsync();
        }
    }
}
