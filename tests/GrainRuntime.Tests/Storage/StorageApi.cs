using Actors.Contracts.Kafka;
using Actors.Emulator;
using Actors.Grains.Crd;
using k8s;
using k8s.Models;

namespace Actors.GrainRuntime.Tests.Storage;

/// <summary>
/// An emulator with the KafkaCluster CRD, shared by a class's tests; each test creates the
/// KafkaCluster of its own name whose uid the state ConfigMap's owner reference carries.
/// </summary>
public sealed class StorageApi : IAsyncLifetime
{
    public const string Namespace = "kafka";

    public EmulatorFixture Emulator { get; private set; } = null!;
    public k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = [Namespace] });
        Client = Emulator.Client();
        var crd = KafkaClusterCrd.Build();
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
    }

    /// <summary>Creates KafkaCluster <paramref name="name"/> (a small valid spec) and returns its uid.</summary>
    public async Task<string> CreateClusterAsync(string name)
    {
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new Dictionary<string, object>
        {
            ["apiVersion"] = $"{KafkaClusterResource.Group}/{KafkaClusterResource.Version}",
            ["kind"] = "KafkaCluster",
            ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = Namespace },
            ["spec"] = new Dictionary<string, object>
            {
                ["controllers"] = new Dictionary<string, object> { ["replicas"] = 3, ["storage"] = new Dictionary<string, object> { ["size"] = "1Gi" } },
                ["brokers"] = new Dictionary<string, object> { ["replicas"] = 3, ["storage"] = new Dictionary<string, object> { ["size"] = "1Gi" } },
            },
        }, KafkaClusterResource.Group, KafkaClusterResource.Version, Namespace, KafkaClusterResource.Plural);
        return KubernetesJson.Deserialize<V1ConfigMap>(KubernetesJson.Serialize(created)).Metadata.Uid;
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
