using Actors.Contracts.Kafka;
using Actors.Kubernetes;

namespace Actors.Silo.Operations;

/// <summary>Where the <c>KafkaCluster</c> custom resource is served, for the client's verbs.</summary>
public static class KafkaClusterType
{
    public static ResourceType ResourceType { get; } = new(
        KafkaClusterResource.Group, KafkaClusterResource.Version, KafkaClusterResource.Kind, KafkaClusterResource.Plural, Namespaced: true);

    /// <summary>The verbs on KafkaClusters with typed spec and status.</summary>
    public static ResourceClient<CustomResource<KafkaClusterSpec, KafkaClusterStatus>> KafkaClusters(this KubernetesClient client) =>
        client.Resource<CustomResource<KafkaClusterSpec, KafkaClusterStatus>>(ResourceType);
}
