using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// MetadataRequest/Response.json: versions 0-12, flexible from 9 (request header v2, response
// header v1). v1 adds the rack, controller id and IsInternal and makes a null topic list mean
// "all"; v2 the cluster id; v3 the throttle time; v4 AllowAutoTopicCreation; v5 offline
// replicas; v7 the leader epoch; v8-10 cluster authorized operations; v8+ topic ones; v10 topic
// ids; v12 nullable topic names. kcat 1.7.1 (librdkafka 2.0.2) sends v4, librdkafka 2.16 v12.
public class MetadataEncodingTests
{
    [Fact]
    public void Request_v4_for_all_topics_is_a_null_int32_array_and_no_auto_creation()
    {
        var frame = RequestFrame.Encode(new MetadataRequest(Topics: null, Version: 4), correlationId: 1, clientId: null);

        Assert.Equal(Hex(
            "0000000F",                               // size: 15 bytes follow
            "0003", "0004", "00000001", "FFFF",       // api key 3, v4, correlation id, null client id
            "FFFFFFFF",                               // Topics: null (all)
            "00"),                                    // AllowAutoTopicCreation false
            frame);
    }

    [Fact]
    public void Request_v12_names_a_topic_with_a_zero_id_in_compact_form()
    {
        var frame = RequestFrame.Encode(new MetadataRequest([new MetadataRequestTopic("orders")], Version: 12), correlationId: 2, clientId: null);

        Assert.Equal(Hex(
            "00000027",                               // size: 39 bytes follow
            "0003", "000C", "00000002", "FFFF", "00", // api key 3, v12, correlation id, null client id, header tags
            "02",                                     // Topics: one
            "00000000000000000000000000000000",       //   TopicId: zero (asked by name)
            "07", Text("orders"), "00",               //   Name, topic tags
            "00", "00",                               // AllowAutoTopicCreation, IncludeTopicAuthorizedOperations
            "00"),                                    // body tags
            frame);
        Assert.Equal("orders", MetadataRequest.Read(new KafkaReader(frame[15..]), 12).Topics!.Single().Name);
    }

    [Fact]
    public void Request_v0_with_an_empty_list_means_all_topics_and_v1_means_none()
    {
        var empty = Hex("00000000");

        Assert.Null(MetadataRequest.Read(new KafkaReader(empty), 0).Topics);
        Assert.Empty(MetadataRequest.Read(new KafkaReader(empty), 1).Topics!);
    }

    [Fact]
    public void Request_v0_has_no_null_topic_list()
    {
        var error = Assert.Throws<KafkaDecodeException>(() => MetadataRequest.Read(new KafkaReader(Hex("FFFFFFFF")), 0));

        Assert.Contains("negative", error.Message);
    }

    private static readonly byte[] ResponseV1 = Hex(
        "00000001",                                   // Brokers: one
        "00000003", "0002", Text("b3"), "00002384",   //   NodeId 3, Host "b3", Port 9092
        "FFFF",                                       //   Rack null
        "00000003",                                   // ControllerId 3
        "00000001",                                   // Topics: one
        "0000", "0001", Text("t"), "00",              //   ErrorCode, Name "t", IsInternal false
        "00000001",                                   //   Partitions: one
        "0000", "00000000", "00000003",               //     ErrorCode, PartitionIndex 0, LeaderId 3
        "00000001", "00000003",                       //     ReplicaNodes [3]
        "00000001", "00000003");                      //     IsrNodes [3]

    private static readonly byte[] ResponseV12 = Hex(
        "00000000",                                   // ThrottleTimeMs
        "02",                                         // Brokers: one
        "00000003", "03", Text("b3"), "00002384",     //   NodeId 3, Host "b3", Port 9092
        "00", "00",                                   //   Rack null, broker tags
        "02", Text("c"),                              // ClusterId "c"
        "00000003",                                   // ControllerId 3
        "02",                                         // Topics: one
        "0000", "02", Text("t"),                      //   ErrorCode, Name "t"
        "0000000000000001", "0000000000000002",       //   TopicId
        "00",                                         //   IsInternal
        "02",                                         //   Partitions: one
        "0000", "00000000", "00000003", "00000005",   //     ErrorCode, index 0, leader 3, LeaderEpoch 5
        "02", "00000003",                             //     ReplicaNodes [3]
        "02", "00000003",                             //     IsrNodes [3]
        "01", "00",                                   //     OfflineReplicas [], partition tags
        "80000000", "00",                             //   TopicAuthorizedOperations (not asked), topic tags
        "00");                                        // body tags (no ClusterAuthorizedOperations after v10)

    private static MetadataResponse OneBrokerOneTopic() => new(0,
        [new MetadataBroker(3, "b3", 9092)], "c", 3,
        [new MetadataTopic(0, "t", new KafkaUuid(1, 2), false, [new MetadataPartition(0, 0, 3, 5, [3], [3], [])])]);

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Response_matches_the_schema_byte_for_byte_and_decodes_back(short version)
    {
        var expected = version == 1 ? ResponseV1 : ResponseV12;
        var writer = new KafkaWriter();

        OneBrokerOneTopic().Write(writer, version);

        Assert.Equal(expected, writer.ToArray());
        var decoded = MetadataResponse.Read(new KafkaReader(expected), version);
        var partition = Assert.Single(Assert.Single(decoded.Topics).Partitions);
        Assert.Equal((3, 3), (decoded.ControllerId, partition.LeaderId));
        Assert.Equal([3], partition.IsrNodes);
        Assert.Equal(version == 1 ? -1 : 5, partition.LeaderEpoch); // v1 has no epoch: the schema default
        Assert.Equal(version == 1 ? null : "c", decoded.ClusterId);
    }
}
