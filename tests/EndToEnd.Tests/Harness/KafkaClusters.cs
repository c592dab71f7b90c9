using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// The KafkaCluster objects of the API as a scenario reads and writes them, as a user with
/// kubectl would: the official client's custom-object verbs, typed, with the group, version and
/// plural said once here instead of in every step.
/// </summary>
public sealed class KafkaClusters(IKubernetes client)
{
    private const string Group = KafkaClusterResource.Group;
    private const string Version = KafkaClusterResource.Version;
    private const string Plural = KafkaClusterResource.Plural;

    public Task<KafkaCluster> GetAsync(string name, string @namespace) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<KafkaCluster>(Group, Version, @namespace, Plural, name);

    /// <summary>The cluster, or null once it is gone.</summary>
    public Task<KafkaCluster?> TryGetAsync(string name, string @namespace) => GetAsync(name, @namespace).OrNullWhenMissing();

    public async Task<IReadOnlyList<KafkaCluster>> ListAsync(string @namespace) =>
        [.. (await client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<KafkaCluster>>(Group, Version, @namespace, Plural)).Items];

    /// <summary>Every KafkaCluster the API serves, in every namespace.</summary>
    public async Task<IReadOnlyList<KafkaCluster>> ListEverywhereAsync() =>
        [.. (await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<KafkaCluster>>(Group, Version, Plural)).Items];

    public Task<KafkaCluster> CreateAsync(KafkaCluster cluster) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<KafkaCluster>(cluster, Group, Version, cluster.Metadata.NamespaceProperty, Plural);

    /// <summary>PUT of the whole object: its resourceVersion makes a stale write fail with 409.</summary>
    public Task<KafkaCluster> ReplaceAsync(KafkaCluster cluster) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<KafkaCluster>(cluster, Group, Version, cluster.Metadata.NamespaceProperty, Plural, cluster.Metadata.Name);

    /// <summary>Asks for the deletion; with the operator's finalizer the object stays until the operator lets it go.</summary>
    public Task DeleteAsync(string name, string @namespace) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, @namespace, Plural, name);

    /// <summary>Read, change, write; read and change again when someone wrote in between (up to <paramref name="attempts"/> writes).</summary>
    public async Task<KafkaCluster> UpdateAsync(string name, string @namespace, Action<KafkaCluster> change, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cluster = await GetAsync(name, @namespace);
            change(cluster);
            try
            {
                return await ReplaceAsync(cluster);
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < attempts)
            {
            }
        }
    }
}
