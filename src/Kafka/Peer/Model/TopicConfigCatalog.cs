using Actors.Kafka.Messages;

namespace Actors.Kafka.Peer.Model;

/// <summary>A topic config the peer knows: its default, the broker config that sets it cluster-wide, its type.</summary>
public sealed record TopicConfigDefinition(string Name, string DefaultValue, string BrokerSynonym, sbyte ConfigType);

/// <summary>
/// The topic configs the peer describes, a small subset of Kafka's with Kafka's defaults and
/// broker synonyms. A topic's value resolves as Kafka resolves it: set on the topic, else set
/// on the brokers, else the default; the source says which, so a client can tell an override
/// from an inherited value.
/// </summary>
public static class TopicConfigCatalog
{
    public const string MinInSyncReplicas = "min.insync.replicas";

    // Kafka's config type numbers (DescribeConfigsResponse ConfigType).
    private const sbyte Boolean = 1, String = 2, Int = 3, Long = 5, List = 7;

    public static readonly IReadOnlyList<TopicConfigDefinition> Definitions =
    [
        new("cleanup.policy", "delete", "log.cleanup.policy", List),
        new("compression.type", "producer", "compression.type", String),
        new(MinInSyncReplicas, "1", MinInSyncReplicas, Int),
        new("retention.bytes", "-1", "log.retention.bytes", Long),
        new("retention.ms", "604800000", "log.retention.ms", Long),
        new("unclean.leader.election.enable", "false", "unclean.leader.election.enable", Boolean),
    ];

    /// <summary>The broker configs the peer describes: each topic config's synonym, plus the replication defaults.</summary>
    public static readonly IReadOnlyList<(string Name, string DefaultValue, sbyte ConfigType)> BrokerDefinitions =
    [
        .. Definitions.Select(d => (d.BrokerSynonym, d.DefaultValue, d.ConfigType)),
        ("default.replication.factor", "1", Int),
        ("num.partitions", "1", Int),
    ];

    public static TopicConfigDefinition? Find(string name) => Definitions.FirstOrDefault(d => d.Name == name);

    /// <summary>A topic config's effective value and where it comes from.</summary>
    public static (string Value, ConfigSource Source) Resolve(
        TopicConfigDefinition definition, PeerTopic topic, IReadOnlyDictionary<string, string> brokerConfigs)
    {
        if (topic.Configs.TryGetValue(definition.Name, out var own))
            return (own, ConfigSource.DynamicTopicConfig);
        if (brokerConfigs.TryGetValue(definition.BrokerSynonym, out var cluster))
            return (cluster, ConfigSource.StaticBrokerConfig);
        return (definition.DefaultValue, ConfigSource.DefaultConfig);
    }
}
