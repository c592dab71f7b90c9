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
        cluster = await EmulatedCluster.StartAsync("kafka");
        client = cluster.Client();
        clusters = new KafkaClusters(client);
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await clusters.CreateAsync(new KafkaCluster
        {
            Metadata = new V1ObjectMeta { Name = "demo", NamespaceProperty = "kafka" },
            Spec = new KafkaClusterSpec
            {
                Version = "3.9.0",
                Brokers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
                Controllers = new NodePoolSpec { Replicas = 1, Storage = new StorageSpec { Size = "1Gi" } },
            },
        });
    }

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
}
