using Actors.Contracts.Kafka;

namespace Actors.Grains.Tests;

/// <summary>Specs as a user would write them.</summary>
internal static class Specs
{
    public static KafkaClusterSpec Valid(int brokers = 3, int controllers = 3, string version = "3.9.0") => new()
    {
        Version = version,
        Brokers = new NodePoolSpec
        {
            Replicas = brokers,
            Storage = new StorageSpec { Size = "100Gi", StorageClassName = "fast" },
            Resources = new ResourcesSpec
            {
                Requests = new() { ["cpu"] = "1", ["memory"] = "4Gi" },
                Limits = new() { ["memory"] = "4Gi" },
            },
            Config = new() { ["num.partitions"] = "6", ["default.replication.factor"] = "3" },
        },
        Controllers = new NodePoolSpec
        {
            Replicas = controllers,
            Storage = new StorageSpec { Size = "10Gi" },
        },
    };

    public static KafkaClusterSpec WithBrokerConfig(this KafkaClusterSpec spec, string key, string value) =>
        spec with { Brokers = spec.Brokers! with { Config = new(spec.Brokers.Config ?? []) { [key] = value } } };
}
