using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using Actors.Grains.Crd;
using Actors.Silo.Hosting;
using Actors.Silo.Operations;
using Actors.Silo.Tests.Support;
using k8s;
using k8s.Models;

namespace Actors.Silo.Tests.Watchers;

/// <summary>
/// Issue 16 §1 through the silo: its watch forwarder hands a KafkaCluster the operator cannot
/// read to the grains' reporter, which says so on the object, while every other cluster keeps
/// reconciling and the read API keeps listing them.
/// </summary>
public sealed class UnreadableClusterTests : IAsyncLifetime
{
    private const string Ns = "kafka";
    private EmulatedCluster cluster = null!;
    private k8s.Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync(Ns);
        client = cluster.Client();
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(LooserCrd());
        await Eventually.UntilAsync(() => new CustomResourceInstaller(client).IsEstablishedAsync(CancellationToken.None), "the CRD is served");
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    /// <summary>
    /// The CRD as a newer version of it might be, letting spec.brokers.replicas exceed what this
    /// operator holds (an int); its own CRD would refuse the poison object outright.
    /// </summary>
    private static V1CustomResourceDefinition LooserCrd()
    {
        var crd = KafkaClusterCrd.Build();
        var replicas = crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties["brokers"].Properties["replicas"];
        replicas.Format = "int64";
        replicas.Minimum = null;
        replicas.Maximum = null;
        return crd;
    }

    /// <param name="beforeStart">Whether the object exists before the operator's first list (which skips it) or arrives on its watch.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unreadable_cluster_is_reported_on_itself_while_another_keeps_reconciling_and_stays_listed(bool beforeStart)
    {
        if (beforeStart) await CreateAsync("poison", brokers: int.MaxValue + 1L);
        var running = await RunningOperator.StartAsync(client, Ns);
        try
        {
            if (!beforeStart) await CreateAsync("poison", brokers: int.MaxValue + 1L);
            await CreateAsync("demo", brokers: 1);

            await Eventually.UntilAsync(async () => Ready(await ReadRawAsync("poison")) is not null, "the poison cluster has a Ready condition");
            var ready = Ready(await ReadRawAsync("poison"))!.Value;
            Assert.Equal(("False", "Unreadable"), (ready.GetProperty("status").GetString(), ready.GetProperty("reason").GetString()));
            var warning = await Eventually.UntilAsync(async () => (await client.CoreV1.ListNamespacedEventAsync(Ns)).Items
                .FirstOrDefault(e => e.InvolvedObject.Name == "poison" && e.Reason == "Unreadable"), "a Warning Event on the poison cluster");
            Assert.Equal("Warning", warning.Type);

            await Eventually.UntilAsync(async () => (await new KafkaClusters(client).GetAsync("demo", Ns)).Status?.ObservedGeneration == 1,
                "demo's status observes its generation");
            var operations = new KubernetesClusterOperations(client, TimeProvider.System);
            Assert.Equal(["demo"], (await operations.ListClustersAsync(Ns, CancellationToken.None)).Select(v => v.Name));
            var refused = await Assert.ThrowsAsync<ClusterConflictException>(() => operations.GetClusterAsync(Ns, "poison", CancellationToken.None));
            Assert.Contains("spec.brokers.replicas", refused.Message);
            Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: $"{KafkaLabels.Instance}=poison")).Items);
        }
        finally
        {
            await running.StopWithinLimitAsync();
        }
    }

    private Task CreateAsync(string name, long brokers) => RawKafkaClusters.CreateAsync(client, Ns, name, brokers, controllers: 1);

    private Task<JsonElement> ReadRawAsync(string name) => RawKafkaClusters.ReadAsync(client, Ns, name);

    private static JsonElement? Ready(JsonElement cluster) =>
        cluster.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            ? conditions.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("type").GetString() == "Ready")
            : null;
}
