using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// ApiVersionsRequest/Response.json: version 3 is the first flexible version; its request uses
// request header v2, its response always response header v0; features are tagged fields 0-2.
public class ApiVersionsEncodingTests
{
    private const string MetadataVersion = "metadata.version"; // 16 bytes: compact length 0x11

    [Fact]
    public void Request_v3_frame_is_header_v2_then_the_client_software_name_and_version()
    {
        var frame = RequestFrame.Encode(new ApiVersionsRequest("a", "1"), correlationId: 7, clientId: "op");

        Assert.Equal(Hex(
            "00000012",          // size: 18 bytes follow
            "0012", "0003",      // api key 18, version 3
            "00000007",          // correlation id
            "0002", Text("op"),  // client id, int16 length even in header v2
            "00",                // header tagged fields
            "02", Text("a"),     // ClientSoftwareName, compact
            "02", Text("1"),     // ClientSoftwareVersion, compact
            "00"),               // body tagged fields
            frame);
    }

    [Fact]
    public void Request_v2_has_header_v1_and_an_empty_body()
    {
        var frame = RequestFrame.Encode(new ApiVersionsRequest(Version: 2), correlationId: 1, clientId: null);

        Assert.Equal(Hex("0000000A", "0012", "0002", "00000001", "FFFF"), frame);
    }

    private static readonly byte[] ResponseV3 = Hex(
        "0000",                                  // ErrorCode
        "02", "0037 0000 0002 00",               // ApiKeys: [DescribeQuorum 0-2], element tags
        "00000000",                              // ThrottleTimeMs
        "03",                                    // three tagged fields
        "00 17", "02 11", Text(MetadataVersion), "0001 0015 00",   // tag 0 SupportedFeatures (23 bytes)
        "01 08", "0000000000000005",                               // tag 1 FinalizedFeaturesEpoch
        "02 17", "02 11", Text(MetadataVersion), "0015 0015 00");  // tag 2 FinalizedFeatures (23 bytes)

    [Fact]
    public void Response_v3_writes_features_as_tagged_fields()
    {
        var response = new ApiVersionsResponse(0, [new ApiVersionRange(55, 0, 2)],
            SupportedFeatures: [new SupportedFeature(MetadataVersion, 1, 21)],
            FinalizedFeaturesEpoch: 5,
            FinalizedFeatures: [new FinalizedFeature(MetadataVersion, 21, 21)]);
        var writer = new KafkaWriter();
        response.Write(writer, 3);

        Assert.Equal(ResponseV3, writer.ToArray());
    }

    [Fact]
    public void Response_v3_decodes_the_finalized_metadata_version()
    {
        var response = ApiVersionsResponse.Read(new KafkaReader(ResponseV3), 3);

        Assert.Equal(KafkaError.None, response.Error);
        Assert.Equal(new ApiVersionRange(55, 0, 2), Assert.Single(response.ApiKeys));
        Assert.Equal(new SupportedFeature(MetadataVersion, 1, 21), Assert.Single(response.Supported));
        Assert.Equal(5, response.FinalizedFeaturesEpoch);
        Assert.Equal(new FinalizedFeature(MetadataVersion, 21, 21), Assert.Single(response.Finalized));
    }

    [Fact]
    public void Response_v3_without_tagged_fields_has_defaults()
    {
        var response = ApiVersionsResponse.Read(new KafkaReader(Hex("0000", "01", "00000000", "00")), 3);

        Assert.Empty(response.ApiKeys);
        Assert.Equal(-1, response.FinalizedFeaturesEpoch);
        Assert.Empty(response.Finalized);
        Assert.Null(response.FinalizedLevel(MetadataVersion));
    }

    [Fact]
    public void Response_v0_for_an_unsupported_version_has_int32_arrays_and_no_throttle_time()
    {
        // KIP-511: a broker answers a too-new ApiVersions request in v0 with UNSUPPORTED_VERSION.
        var writer = new KafkaWriter();
        new ApiVersionsResponse(35, [new ApiVersionRange(18, 0, 3)]).Write(writer, 0);

        Assert.Equal(Hex("0023", "00000001", "0012 0000 0003"), writer.ToArray());
        Assert.Equal(KafkaError.UnsupportedVersion, ApiVersionsResponse.Read(new KafkaReader(writer.ToArray()), 0).Error);
    }

    [Fact]
    public void Response_frame_uses_header_v0_even_at_v3()
    {
        // No tagged-field byte after the correlation id: the body starts right away.
        var frame = Hex("00000007").Concat(ResponseV3).ToArray();

        var response = RequestFrame.DecodeResponse(new ApiVersionsRequest(), frame, expectedCorrelationId: 7);

        Assert.Equal(5, response.FinalizedFeaturesEpoch);
    }
}
