using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>KafkaCluster manifests the scenarios start from.</summary>
public static class Specs
{
    public const string ClusterName = "demo";

    public static KafkaCluster Cluster(string @namespace, int controllers, int brokers, Dictionary<string, string>? brokerConfig = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = ClusterName, NamespaceProperty = @namespace },
        Spec = new KafkaClusterSpec
        {
            Version = "3.9.0",
            Controllers = new NodePoolSpec { Replicas = controllers, Storage = new StorageSpec { Size = "1Gi" } },
            Brokers = new NodePoolSpec { Replicas = brokers, Storage = new StorageSpec { Size = "10Gi" }, Config = brokerConfig },
        },
    };
}
