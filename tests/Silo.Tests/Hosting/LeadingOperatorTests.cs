using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.LeaderElection;
using Actors.Silo.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Silo.Tests.Hosting;

/// <summary>The grains and watchers run only while the replica leads.</summary>
public sealed class LeadingOperatorTests : IAsyncLifetime
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
    public async Task The_operator_starts_when_the_replica_leads_and_stops_the_moment_it_loses_the_lease()
    {
        var leadership = new GrantedLeadership();
        var leading = new LeadingOperator(leadership, client, new SiloOptions { WatchNamespaces = ["kafka"] }, new Actors.Silo.OperatorCluster.OperatorClustering(null), TimeProvider.System,
            NullLoggerFactory.Instance, NullLogger<LeadingOperator>.Instance);
        await leading.StartAsync(CancellationToken.None);
        try
        {
            Assert.False(leading.IsRunning);
            Assert.Null((await clusters.GetAsync("demo", "kafka")).Status);

            leadership.Grant();
            await Eventually.UntilAsync(() => leading.IsRunning, "the operator runs");
            await Eventually.UntilAsync(async () => (await clusters.GetAsync("demo", "kafka")).Status?.ObservedGeneration == 1,
                "the cluster grain has written the status");

            leadership.Revoke();
            await Eventually.UntilAsync(() => !leading.IsRunning, "the operator has stopped");
        }
        finally
        {
            using var limit = new CancellationTokenSource(Eventually.Limit);
            await leading.StopAsync(limit.Token);
        }
    }
}
