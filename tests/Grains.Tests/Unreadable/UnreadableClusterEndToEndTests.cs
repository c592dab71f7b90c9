using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Grains;
using Actors.Contracts.Kafka;
using Actors.Grains.Crd;
using k8s;
using k8s.Models;

namespace Actors.Grains.Tests.Unreadable;

/// <summary>
/// Issue 16 §1 through the real path (emulator → informer → grains): a KafkaCluster the operator
/// cannot read is reported on that object, and every other cluster keeps reconciling.
/// </summary>
public sealed class UnreadableClusterEndToEndTests : IAsyncLifetime
{
    private const string Ns = "kafka";
    private EmulatorFixture _emulator = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorFixture.StartAsync();
        _client = _emulator.Client();
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Ns } });
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(LooserCrd());
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    /// <summary>
    /// The operator's CRD as a newer version of it might be: one that lets spec.brokers.replicas
    /// exceed what this operator can hold (an int). Its own CRD would refuse the poison object.
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

    private Task CreateAsync(string name, long brokers) => RawKafkaClusters.CreateAsync(_client, Ns, name, brokers, controllers: 3);

    private Task<JsonElement> ReadRawAsync(string name) => RawKafkaClusters.ReadAsync(_client, Ns, name);

    private static JsonObject? Ready(JsonElement cluster) =>
        JsonNode.Parse(cluster.GetRawText())?["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready")
            : null;

    private async Task<bool> ObservedAsync(string name)
    {
        var cluster = await ReadRawAsync(name);
        var generation = cluster.GetProperty("metadata").GetProperty("generation").GetInt64();
        return cluster.TryGetProperty("status", out var status) && status.TryGetProperty("observedGeneration", out var observed)
            && observed.GetInt64() == generation;
    }

    [Fact]
    public async Task An_unreadable_cluster_is_reported_on_itself_and_another_cluster_keeps_reconciling()
    {
        // One poison object before the operator starts (its first list skips it), one cluster after it.
        await CreateAsync("poison", brokers: int.MaxValue + 1L);
        await using var running = await OperatorOverEmulator.StartAsync(_client, Ns);
        await CreateAsync("demo", brokers: 3);

        var ready = await Eventually.UntilAsync(async () => Ready(await ReadRawAsync("poison")), "the poison cluster has a Ready condition");
        Assert.Equal(("False", "Unreadable"), ((string?)ready["status"], (string?)ready["reason"]));
        Assert.Contains("spec.brokers.replicas is not a 32-bit integer", (string?)ready["message"]);
        var warning = await Eventually.UntilAsync(async () => (await _client.CoreV1.ListNamespacedEventAsync(Ns)).Items
                .FirstOrDefault(e => e.InvolvedObject.Name == "poison" && e.Reason == "Unreadable"),
            "a Warning Event Unreadable on the poison cluster");
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("spec.brokers.replicas", warning.Message);

        // The watch moved past it: the other cluster gets its status, and follows a change of its spec.
        await Eventually.UntilAsync(() => ObservedAsync("demo"), "demo's status observes its generation");
        await _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"brokers":{"config":{"num.partitions":"12"}}}}""", V1Patch.PatchType.MergePatch),
            KafkaClusterResource.Group, KafkaClusterResource.Version, Ns, KafkaClusterResource.Plural, "demo");
        await Eventually.UntilAsync(() => ObservedAsync("demo"), "demo's status observes its changed spec");

        // Nothing was created for the poison cluster, and its spec is as it was written.
        var pods = await _client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: $"{KafkaLabels.Instance}=poison");
        Assert.Empty(pods.Items);
        Assert.Equal(int.MaxValue + 1L, (await ReadRawAsync("poison")).GetProperty("spec").GetProperty("brokers").GetProperty("replicas").GetInt64());
        // Its report is not repeated for its own echo: one Event, counted once.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var events = (await _client.CoreV1.ListNamespacedEventAsync(Ns)).Items.Where(e => e.InvolvedObject.Name == "poison").ToList();
        Assert.Equal(1, Assert.Single(events).Count);
    }

    [Fact]
    public async Task A_running_cluster_whose_spec_becomes_unreadable_keeps_what_it_has_and_its_grain_does_not_act()
    {
        await using var running = await OperatorOverEmulator.StartAsync(_client, Ns);
        await CreateAsync("demo", brokers: 3);
        await Eventually.UntilAsync(() => ObservedAsync("demo"), "demo's status observes its generation");

        // A hand edit the model cannot hold.
        await _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"brokers":{"replicas":2147483648}}}""", V1Patch.PatchType.MergePatch),
            KafkaClusterResource.Group, KafkaClusterResource.Version, Ns, KafkaClusterResource.Plural, "demo");
        var ready = await Eventually.UntilAsync(async () => Ready(await ReadRawAsync("demo")) is { } r && (string?)r["reason"] == "Unreadable" ? r : null,
            "demo's Ready condition says it is unreadable");
        Assert.Equal("False", (string?)ready["status"]);

        // Its grain, woken as its resync would, reads it by GET: no crash, no step, nothing written again.
        // (The first pass also waits out any pass that began before the edit: a grain takes one call at a time.)
        var grain = running.Grains.GetGrain<IKafkaClusterGrain>($"{Ns}/demo");
        await grain.ReconcileAsync();
        var before = await NodesAsync();
        Assert.NotEmpty(before);
        var version = (await ReadRawAsync("demo")).GetProperty("metadata").GetProperty("resourceVersion").GetString();
        await grain.ReconcileAsync();
        Assert.Equal(before, await NodesAsync());
        Assert.Equal(version, (await ReadRawAsync("demo")).GetProperty("metadata").GetProperty("resourceVersion").GetString());
        Assert.Single((await _client.CoreV1.ListNamespacedEventAsync(Ns)).Items, e => e.InvolvedObject.Name == "demo" && e.Reason == "Unreadable");
    }

    /// <summary>Every pod and claim of demo, by name and uid: what must not change while its spec cannot be read.</summary>
    private async Task<List<string>> NodesAsync()
    {
        var selector = $"{KafkaLabels.Instance}=demo";
        var pods = await _client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: selector);
        var claims = await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Ns, labelSelector: selector);
        return [.. pods.Items.Select(p => $"pod {p.Metadata.Name} {p.Metadata.Uid}").Concat(claims.Items.Select(c => $"pvc {c.Metadata.Name} {c.Metadata.Uid}")).Order()];
    }
}
