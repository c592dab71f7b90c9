using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// DescribeClusterRequest/Response.json: versions 0-1, flexible from 0; v1 adds EndpointType
// (1 brokers, 2 controllers) to both.
public class DescribeClusterEncodingTests
{
    [Fact]
    public void Request_v1_asks_for_the_controllers()
    {
        var frame = RequestFrame.Encode(new DescribeClusterRequest(EndpointType: EndpointType.Controllers), correlationId: 1, clientId: null);

        Assert.Equal(Hex(
            "0000000E",                               // size: 14 bytes follow
            "003C", "0001", "00000001", "FFFF", "00", // api key 60, v1, correlation id, null client id, header tags
            "00", "02",                               // IncludeClusterAuthorizedOperations, EndpointType 2
            "00"),                                    // body tags
            frame);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Response_matches_the_schema_byte_for_byte(short version)
    {
        var expected = Hex(
            "00000000", "0000", "00",                 // ThrottleTimeMs, ErrorCode, ErrorMessage null
            version >= 1 ? "01" : "",                 // EndpointType brokers (v1+)
            "02", Text("c"),                          // ClusterId "c"
            "00000003",                               // ControllerId 3
            "02",                                     // Brokers: one
            "00000003", "03", Text("b3"), "00002384", //   BrokerId 3, Host "b3", Port 9092
            "00", "00",                               //   Rack null, broker tags
            "80000000",                               // ClusterAuthorizedOperations (not asked)
            "00");                                    // body tags
        var response = new DescribeClusterResponse(0, 0, null, EndpointType.Brokers, "c", 3, [new DescribeClusterBroker(3, "b3", 9092)]);
        var writer = new KafkaWriter();

        response.Write(writer, version);

        Assert.Equal(expected, writer.ToArray());
        Assert.Equal(response, DescribeClusterResponse.Read(new KafkaReader(expected), version) with { Brokers = response.Brokers });
    }
}
