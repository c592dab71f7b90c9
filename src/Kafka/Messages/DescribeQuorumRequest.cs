using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>The partitions of one topic whose quorum is asked about.</summary>
public sealed record QuorumTopicRequest(string TopicName, IReadOnlyList<int> Partitions);

/// <summary>
/// DescribeQuorum (key 55, flexible from version 0): the state of a KRaft quorum. The body is
/// the same in versions 0-2; only the response grows (v1 adds fetch and caught-up times, v2
/// directory ids, error messages and the voters' listeners).
/// </summary>
public sealed record DescribeQuorumRequest(IReadOnlyList<QuorumTopicRequest> Topics, short Version = 2)
    : IKafkaRequest<DescribeQuorumResponse>
{
    /// <summary>The metadata log's topic: its one partition is the controller quorum.</summary>
    public const string ClusterMetadataTopic = "__cluster_metadata";

    public ApiKey ApiKey => ApiKey.DescribeQuorum;
    public short RequestHeaderVersion => 2;
    public short ResponseHeaderVersion => 1;

    public static DescribeQuorumRequest ForControllerQuorum(short version = 2) =>
        new([new QuorumTopicRequest(ClusterMetadataTopic, [0])], version);

    public void WriteBody(KafkaWriter writer)
    {
        writer.WriteCompactArray(Topics, static (w, topic) =>
        {
            w.WriteCompactString(topic.TopicName);
            w.WriteCompactArray(topic.Partitions, static (pw, partition) =>
            {
                pw.WriteInt32(partition);
                pw.WriteEmptyTaggedFields();
            });
            w.WriteEmptyTaggedFields();
        });
        writer.WriteEmptyTaggedFields();
    }

    public static DescribeQuorumRequest Read(KafkaReader reader, short version)
    {
        var topics = reader.ReadCompactArray("DescribeQuorum request topics", static r =>
        {
            var name = r.ReadCompactString("DescribeQuorum request topic name");
            var partitions = r.ReadCompactArray("DescribeQuorum request partitions", static pr =>
            {
                var index = pr.ReadInt32("DescribeQuorum request partition index");
                pr.SkipTaggedFields("DescribeQuorum request partition tagged fields");
                return index;
            });
            r.SkipTaggedFields("DescribeQuorum request topic tagged fields");
            return new QuorumTopicRequest(name, partitions);
        });
        reader.SkipTaggedFields("DescribeQuorum request tagged fields");
        return new DescribeQuorumRequest(topics, version);
    }

    public DescribeQuorumResponse ReadResponse(KafkaReader reader) => DescribeQuorumResponse.Read(reader, Version);
}
