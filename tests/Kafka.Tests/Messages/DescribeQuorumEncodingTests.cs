using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// DescribeQuorumRequest/Response.json: flexible from v0 (request header v2, response header v1).
// v1 adds LastFetchTimestamp and LastCaughtUpTimestamp per replica (KIP-836); v2 adds the
// error messages, ReplicaDirectoryId and the voters' Nodes with listeners (KIP-853).
public class DescribeQuorumEncodingTests
{
    private const string Topic = "__cluster_metadata"; // 18 bytes: compact length 0x13

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Request_frame_asks_for_partition_0_of_the_metadata_topic(short version)
    {
        var frame = RequestFrame.Encode(DescribeQuorumRequest.ForControllerQuorum(version), correlationId: 1, clientId: null);

        Assert.Equal(Hex(
            "00000027",                              // size: 39 bytes follow
            "0037", $"000{version}", "00000001",     // api key 55, version, correlation id
            "FFFF", "00",                            // null client id, header tagged fields
            "02", "13", Text(Topic),                 // Topics: one; TopicName
            "02", "00000000", "00",                  // Partitions: [0], partition tags
            "00",                                    // topic tags
            "00"),                                   // body tags
            frame);
    }

    private static readonly byte[] ResponseV1 = Hex(
        "0000",                                      // ErrorCode
        "02", "13", Text(Topic),                     // Topics: one
        "02", "00000000", "0000",                    // Partitions: one; index 0, ErrorCode
        "00000001", "00000005",                      // LeaderId 1, LeaderEpoch 5
        "0000000000000064",                          // HighWatermark 100
        "02", "00000001", "0000000000000064",        // CurrentVoters: replica 1, LogEndOffset 100
        "FFFFFFFFFFFFFFFF", "00000000000003E8", "00",//   LastFetch -1, LastCaughtUp 1000, tags
        "01",                                        // Observers: none
        "00", "00", "00");                           // partition, topic, body tags

    private static DescribeQuorumResponse OneVoter(long directoryLow = 0) => new(0, null,
        [new QuorumTopic(Topic, [new QuorumPartition(0, 0, null, 1, 5, 100,
            [new ReplicaState(1, 100, -1, 1000, new KafkaUuid(0, directoryLow))], [])])],
        [new QuorumNode(1, [new QuorumListener("CONTROLLER", "c1", 9093)])]);

    [Fact]
    public void Response_v1_has_fetch_and_caught_up_times_but_no_directory_ids_or_nodes()
    {
        var writer = new KafkaWriter();
        OneVoter().Write(writer, 1);

        Assert.Equal(ResponseV1, writer.ToArray());
    }

    [Fact]
    public void Response_v1_decodes_the_voters_caught_up_time()
    {
        var response = DescribeQuorumResponse.Read(new KafkaReader(ResponseV1), 1);

        var partition = Assert.Single(Assert.Single(response.Topics).Partitions);
        Assert.Equal(1, partition.LeaderId);
        Assert.Equal(5, partition.LeaderEpoch);
        var voter = Assert.Single(partition.CurrentVoters);
        Assert.Equal(new ReplicaState(1, 100, -1, 1000), voter);
        Assert.Empty(response.Nodes);
    }

    private static readonly byte[] ResponseV2 = Hex(
        "0000", "00",                                // ErrorCode, ErrorMessage null
        "02", "13", Text(Topic),
        "02", "00000000", "0000", "00",              // index, ErrorCode, ErrorMessage null
        "00000001", "00000005", "0000000000000064",
        "02", "00000001",                            // voter 1
        "0000000000000000", "0000000000000009",      //   ReplicaDirectoryId
        "0000000000000064", "FFFFFFFFFFFFFFFF", "00000000000003E8", "00",
        "01", "00", "00",                            // no observers; partition, topic tags
        "02", "00000001",                            // Nodes: node 1
        "02", "0B", Text("CONTROLLER"), "03", Text("c1"), "2385", "00", // listener, port 9093
        "00",                                        // node tags
        "00");                                       // body tags

    [Fact]
    public void Response_v2_adds_error_messages_directory_ids_and_listeners()
    {
        var writer = new KafkaWriter();
        OneVoter(directoryLow: 9).Write(writer, 2);

        Assert.Equal(ResponseV2, writer.ToArray());
    }

    [Fact]
    public void Response_v2_decodes_the_voters_listeners()
    {
        var response = DescribeQuorumResponse.Read(new KafkaReader(ResponseV2), 2);

        var node = Assert.Single(response.Nodes);
        Assert.Equal(new QuorumListener("CONTROLLER", "c1", 9093), Assert.Single(node.Listeners));
        var voter = Assert.Single(Assert.Single(Assert.Single(response.Topics).Partitions).CurrentVoters);
        Assert.Equal(new KafkaUuid(0, 9), voter.ReplicaDirectoryId);
    }

    [Fact]
    public void Response_frame_has_header_v1_with_its_tagged_fields()
    {
        var frame = Hex("00000003", "00").Concat(ResponseV1).ToArray();

        var response = RequestFrame.DecodeResponse(DescribeQuorumRequest.ForControllerQuorum(1), frame, expectedCorrelationId: 3);

        Assert.Equal(KafkaError.None, response.Error);
    }

    [Fact]
    public void A_response_to_another_request_is_refused_by_its_correlation_id()
    {
        var frame = Hex("00000004", "00").Concat(ResponseV1).ToArray();

        var error = Assert.Throws<KafkaDecodeException>(() =>
            RequestFrame.DecodeResponse(DescribeQuorumRequest.ForControllerQuorum(1), frame, expectedCorrelationId: 3));
        Assert.Contains("correlation id 4", error.Message);
    }

    [Fact]
    public void Trailing_bytes_after_the_response_are_a_decode_error()
    {
        var frame = Hex("00000003", "00").Concat(ResponseV1).Append((byte)0).ToArray();

        var error = Assert.Throws<KafkaDecodeException>(() =>
            RequestFrame.DecodeResponse(DescribeQuorumRequest.ForControllerQuorum(1), frame, expectedCorrelationId: 3));
        Assert.Contains("unexpected bytes", error.Message);
    }
}
