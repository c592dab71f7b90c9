using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.Support;
using k8s;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The target of the generated-spec campaign: the emulator with the operator's own CRD, and the
/// operator running over it (the real watch → forwarder → grains path), already running one valid
/// cluster kafka/demo, the sibling that must keep reconciling whatever the campaign creates.
/// </summary>
public class SpecCampaignTarget : IAsyncLifetime
{
    public const string Namespace = "kafka";
    public const string Sibling = "demo";

    private EmulatedCluster cluster = null!;
    private OperatorSilos running = null!;

    public k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync(Namespace);
        Client = cluster.Client();
        await InstallCrdAsync();
        running = await RunningOperator.StartAsync(Client, Namespace);
        await CreateAsync(Sibling, GeneratedSpecs.Valid());
        await Eventually.UntilAsync(async () => ReadyOf(await ReadAsync(Sibling)) is not null, "the sibling has a status");
    }

    protected virtual Task InstallCrdAsync() => new CustomResourceInstaller(Client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await running.StopWithinLimitAsync();
        await cluster.DisposeAsync();
    }

    public Task CreateAsync(string name, JsonObject spec) => Client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
    {
        ["apiVersion"] = KafkaClusterResource.ApiVersion,
        ["kind"] = KafkaClusterResource.Kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        ["spec"] = spec.DeepClone(),
    }, KafkaClusterResource.Group, KafkaClusterResource.Version, Namespace, KafkaClusterResource.Plural);

    /// <summary>The object as stored, as plain JSON (it may be one the operator cannot read).</summary>
    public async Task<JsonObject> ReadAsync(string name) => JsonNode.Parse(((System.Text.Json.JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(
        KafkaClusterResource.Group, KafkaClusterResource.Version, Namespace, KafkaClusterResource.Plural, name)).GetRawText())!.AsObject();

    public Task DeleteAsync(string name) => Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
        KafkaClusterResource.Group, KafkaClusterResource.Version, Namespace, KafkaClusterResource.Plural, name);

    public Task PatchSpecAsync(string name, JsonObject spec) => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
        new k8s.Models.V1Patch(new JsonObject { ["spec"] = spec }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
        KafkaClusterResource.Group, KafkaClusterResource.Version, Namespace, KafkaClusterResource.Plural, name);

    public static JsonObject? ReadyOf(JsonObject cluster) =>
        cluster["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == KafkaConditionTypes.Ready)
            : null;

    /// <summary>The Ready condition once it speaks of the object's current generation.</summary>
    public static JsonObject? CurrentReadyOf(JsonObject cluster) =>
        ReadyOf(cluster) is { } ready && ready["observedGeneration"]?.GetValue<long>() == cluster["metadata"]?["generation"]?.GetValue<long>() ? ready : null;
}
