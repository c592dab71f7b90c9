namespace Actors.Kafka.Messages;

/// <summary>What a DescribeConfigs resource names (numbers from Kafka's ConfigResource.Type).</summary>
public enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
}

/// <summary>Where a config's value comes from, most specific first (Kafka's ConfigSource).</summary>
public enum ConfigSource : sbyte
{
    Unknown = 0,
    DynamicTopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
    DynamicBrokerLoggerConfig = 6,
}
