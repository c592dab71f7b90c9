namespace Actors.Kafka.Protocol;

/// <summary>The API keys this library speaks (numbers from Kafka's message schemas).</summary>
public enum ApiKey : short
{
    Metadata = 3,
    ApiVersions = 18,
    DescribeConfigs = 32,
    DescribeQuorum = 55,
    UpdateFeatures = 57,
    DescribeCluster = 60,
}
