using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Hosting;
using Actors.Silo.Operations;
using Actors.Silo.Tests.Fakes;
using Actors.Silo.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The target of the bad-input campaigns: an in-process silo (<see cref="TestSilo"/>, real HTTP
/// and h2c listeners) over the real <see cref="KubernetesClusterOperations"/> on the emulator,
/// holding one KafkaCluster kafka/demo. Whether anything was written is read from the
/// emulator: the cluster's resourceVersion.
/// </summary>
public sealed class BadInputSilo : IAsyncLifetime
{
    public const string Namespace = "kafka";
    public const string Name = "demo";

    private EmulatedCluster cluster = null!;
    private KafkaClusters clusters = null!;

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync(Namespace);
        var client = cluster.Client();
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        clusters = new KafkaClusters(client);
        await clusters.CreateAsync(new KafkaCluster
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            Spec = new KafkaClusterSpec
            {
                Version = "3.9.0",
                Brokers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "10Gi" } },
                Controllers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "2Gi" } },
            },
        });
        var operations = new KubernetesClusterOperations(client, new FakeTimeProvider(TestTime.Start));
        Silo = await TestSilo.StartAsync(services: s => s.AddSingleton<IClusterOperations>(operations));
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await cluster.DisposeAsync();
    }

    /// <summary>The KafkaCluster as the API server has it now.</summary>
    public Task<KafkaCluster> ClusterAsync() => clusters.GetAsync(Name, Namespace);

    /// <summary>The KafkaCluster's resourceVersion as the API server has it now.</summary>
    public async Task<string?> ResourceVersionAsync() => (await ClusterAsync()).Metadata.ResourceVersion;
}
