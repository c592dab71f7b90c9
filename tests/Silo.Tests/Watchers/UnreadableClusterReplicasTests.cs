using System.Net;
using System.Net.Sockets;
using Actors.Grains.Crd;
using Actors.Grains.Hosting;
using Actors.Silo.Hosting;
using Actors.Silo.OperatorCluster;
using Actors.Silo.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Silo.Tests.Watchers;

/// <summary>
/// Three replicas of one operator cluster all watch an unreadable KafkaCluster; one Event says so on
/// it, not one per replica. The object here cannot carry the Ready condition (its CRD's status schema
/// refuses it), the case where nothing on the object tells the replicas it was already reported.
/// </summary>
public sealed class UnreadableClusterReplicasTests : IAsyncLifetime
{
    private const string Ns = "kafka";
    private EmulatedCluster cluster = null!;
    private k8s.Kubernetes client = null!;
    private readonly List<OperatorSilos> replicas = [];

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync(Ns);
        client = cluster.Client();
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(LooserCrd());
        await Eventually.UntilAsync(() => new CustomResourceInstaller(client).IsEstablishedAsync(CancellationToken.None), "the CRD is served");
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas) await replica.StopWithinLimitAsync();
        await cluster.DisposeAsync();
    }

    /// <summary>
    /// A CRD as a newer version might be: spec.brokers.replicas may exceed an int (the poison), and a
    /// condition's reason may not start with "Un", so the operator's Ready=False (reason "Unreadable") is
    /// refused while every condition of a readable cluster is written.
    /// </summary>
    private static V1CustomResourceDefinition LooserCrd()
    {
        var crd = KafkaClusterCrd.Build();
        var schema = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
        var replicas = schema.Properties["spec"].Properties["brokers"].Properties["replicas"];
        replicas.Format = "int64";
        replicas.Minimum = null;
        replicas.Maximum = null;
        ((V1JSONSchemaProps)schema.Properties["status"].Properties["conditions"].Items).Properties["reason"].Pattern = "^([^U]|U[^n])";
        return crd;
    }

    [Fact]
    public async Task Three_replicas_write_one_Event_on_an_unreadable_cluster()
    {
        foreach (var name in new[] { "replica-a", "replica-b", "replica-c" }) replicas.Add(await StartReplicaAsync(name));
        await Eventually.UntilAsync(() => Task.FromResult(replicas.All(r => r.SiloStatus == Orleans.Runtime.SiloStatus.Active)), "the three replicas are Active");

        await RawKafkaClusters.CreateAsync(client, Ns, "poison", int.MaxValue + 1L, controllers: 1);
        await Eventually.UntilAsync(async () => (await UnreadableEventsAsync()).Count > 0, "a Warning Event on the poison cluster");
        // Every replica was told of the poison long before a cluster created after it is reconciled.
        await RawKafkaClusters.CreateAsync(client, Ns, "demo", brokers: 1, controllers: 1);
        await Eventually.UntilAsync(async () => (await new KafkaClusters(client).GetAsync("demo", Ns)).Status?.ObservedGeneration == 1,
            "demo's status observes its generation");

        var events = await UnreadableEventsAsync();
        var only = Assert.Single(events);
        Assert.Equal(1, only.Count);
        Assert.Contains("spec.brokers.replicas", only.Message);
    }

    private async Task<IReadOnlyList<Corev1Event>> UnreadableEventsAsync() =>
        [.. (await client.CoreV1.ListNamespacedEventAsync(Ns)).Items.Where(e => e.InvolvedObject.Name == "poison" && e.Reason == "Unreadable")];

    private async Task<OperatorSilos> StartReplicaAsync(string name)
    {
        var clustering = new SiloClustering.Kubernetes(Ns, "unreadable", new IPEndPoint(IPAddress.Loopback, FreePort()), name);
        var silos = new OperatorSilos(cluster.Client(), new SiloOptions(), new OperatorClustering(clustering), TimeProvider.System,
            NullLoggerFactory.Instance, NullLogger<OperatorSilos>.Instance);
        await silos.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => silos.IsRunning, $"{name} runs");
        return silos;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
