using Actors.Contracts.Kafka;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>The CR that owns what the operator creates: garbage collection removes those objects with it.</summary>
[GenerateSerializer, Alias("actors.ClusterOwner")]
public sealed record ClusterOwner(string Name, string Uid)
{
    public V1OwnerReference Reference() => new()
    {
        ApiVersion = KafkaClusterResource.ApiVersion,
        Kind = KafkaClusterResource.Kind,
        Name = Name,
        Uid = Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public V1ObjectReference Object(string @namespace) => new()
    {
        ApiVersion = KafkaClusterResource.ApiVersion,
        Kind = KafkaClusterResource.Kind,
        Name = Name,
        NamespaceProperty = @namespace,
        Uid = Uid,
    };
}
