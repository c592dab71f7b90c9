namespace Actors.Kafka.Protocol;

/// <summary>The API keys this library speaks (numbers from Kafka's message schemas).</summary>
public enum ApiKey : short
{
    ApiVersions = 18,
    DescribeQuorum = 55,
    UpdateFeatures = 57,
}
