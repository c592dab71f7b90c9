using Actors.Contracts.Kafka;
using Actors.Kubernetes;

namespace Actors.Grains.Cluster;

/// <summary>The <c>KafkaCluster</c> custom resource as the Kubernetes client reads and writes it.</summary>
public sealed class KafkaCluster : CustomResource<KafkaClusterSpec, KafkaClusterStatus>, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new(
        KafkaClusterResource.Group, KafkaClusterResource.Version, KafkaClusterResource.Kind, KafkaClusterResource.Plural, Namespaced: true);

    public KafkaCluster()
    {
        ApiVersion = KafkaClusterResource.ApiVersion;
        Kind = KafkaClusterResource.Kind;
    }
}
