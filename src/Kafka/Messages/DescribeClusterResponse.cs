using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

public sealed record DescribeClusterBroker(int BrokerId, string Host, int Port, string? Rack = null);

/// <summary>The DescribeCluster response, versions 0-1 (all flexible).</summary>
public sealed record DescribeClusterResponse(
    int ThrottleTimeMs,
    short ErrorCode,
    string? ErrorMessage,
    EndpointType EndpointType,
    string ClusterId,
    int ControllerId,
    IReadOnlyList<DescribeClusterBroker> Brokers,
    int ClusterAuthorizedOperations = MetadataResponse.OperationsNotRequested)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);

    public void Write(KafkaWriter writer, short version)
    {
        writer.WriteInt32(ThrottleTimeMs);
        writer.WriteInt16(ErrorCode);
        writer.WriteCompactNullableString(ErrorMessage);
        if (version >= 1)
            writer.WriteInt8((sbyte)EndpointType);
        writer.WriteCompactString(ClusterId);
        writer.WriteInt32(ControllerId);
        writer.WriteCompactArray(Brokers, static (w, broker) =>
        {
            w.WriteInt32(broker.BrokerId);
            w.WriteCompactString(broker.Host);
            w.WriteInt32(broker.Port);
            w.WriteCompactNullableString(broker.Rack);
            w.WriteEmptyTaggedFields();
        });
        writer.WriteInt32(ClusterAuthorizedOperations);
        writer.WriteEmptyTaggedFields();
    }

    public static DescribeClusterResponse Read(KafkaReader reader, short version)
    {
        var throttle = reader.ReadInt32("DescribeCluster throttle time");
        var errorCode = reader.ReadInt16("DescribeCluster error code");
        var errorMessage = reader.ReadCompactNullableString("DescribeCluster error message");
        var endpointType = version >= 1 ? (EndpointType)reader.ReadInt8("DescribeCluster endpoint type") : EndpointType.Brokers;
        var clusterId = reader.ReadCompactString("DescribeCluster cluster id");
        var controllerId = reader.ReadInt32("DescribeCluster controller id");
        var brokers = reader.ReadCompactArray("DescribeCluster brokers", static r =>
        {
            var broker = new DescribeClusterBroker(
                r.ReadInt32("DescribeCluster broker id"),
                r.ReadCompactString("DescribeCluster broker host"),
                r.ReadInt32("DescribeCluster broker port"),
                r.ReadCompactNullableString("DescribeCluster broker rack"));
            r.SkipTaggedFields("DescribeCluster broker tagged fields");
            return broker;
        });
        var operations = reader.ReadInt32("DescribeCluster cluster authorized operations");
        reader.SkipTaggedFields("DescribeCluster tagged fields");
        return new DescribeClusterResponse(throttle, errorCode, errorMessage, endpointType, clusterId, controllerId, brokers, operations);
    }
}
