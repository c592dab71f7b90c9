using Actors.Contracts.Kafka;
using k8s;
using k8s.Models;

namespace Actors.Grains.Cluster;

/// <summary>The <c>KafkaCluster</c> custom resource as the official client reads and writes it.</summary>
[KubernetesEntity(Group = KafkaClusterResource.Group, ApiVersion = KafkaClusterResource.Version, Kind = KafkaClusterResource.Kind, PluralName = KafkaClusterResource.Plural)]
public sealed class KafkaCluster : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = KafkaClusterResource.ApiVersion;

    public string Kind { get; set; } = KafkaClusterResource.Kind;

    public V1ObjectMeta Metadata { get; set; } = new();

    public KafkaClusterSpec? Spec { get; set; }

    public KafkaClusterStatus? Status { get; set; }

    /// <summary>"namespace/name", the grain key.</summary>
    public override string ToString() => $"{Metadata.NamespaceProperty}/{Metadata.Name}";
}
