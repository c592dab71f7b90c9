using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>Which nodes DescribeCluster lists (version 1+; version 0 always lists brokers).</summary>
public enum EndpointType : sbyte
{
    Brokers = 1,
    Controllers = 2,
}

/// <summary>
/// DescribeCluster (key 60), versions 0-1, flexible from 0: the cluster id, the controller and
/// the live brokers (or, from version 1, the controllers). Confluent.Kafka's DescribeCluster
/// asks Metadata instead; this one is for clients that speak it directly.
/// </summary>
public sealed record DescribeClusterRequest(
    bool IncludeClusterAuthorizedOperations = false,
    EndpointType EndpointType = EndpointType.Brokers,
    short Version = DescribeClusterRequest.MaxVersion) : IKafkaRequest<DescribeClusterResponse>
{
    public const short MinVersion = 0;
    public const short MaxVersion = 1;

    public ApiKey ApiKey => ApiKey.DescribeCluster;
    public short RequestHeaderVersion => 2;
    public short ResponseHeaderVersion => 1;

    public void WriteBody(KafkaWriter writer)
    {
        writer.WriteBool(IncludeClusterAuthorizedOperations);
        if (Version >= 1)
            writer.WriteInt8((sbyte)EndpointType);
        writer.WriteEmptyTaggedFields();
    }

    public static DescribeClusterRequest Read(KafkaReader reader, short version)
    {
        if (version is < MinVersion or > MaxVersion)
            throw new KafkaDecodeException($"DescribeCluster request version {version} is not one of {MinVersion}-{MaxVersion}");
        var operations = reader.ReadBool("DescribeCluster request include cluster authorized operations");
        var endpointType = version >= 1 ? (EndpointType)reader.ReadInt8("DescribeCluster request endpoint type") : EndpointType.Brokers;
        reader.SkipTaggedFields("DescribeCluster request tagged fields");
        return new DescribeClusterRequest(operations, endpointType, version);
    }

    public DescribeClusterResponse ReadResponse(KafkaReader reader) => DescribeClusterResponse.Read(reader, Version);
}
