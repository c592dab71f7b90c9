using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// UpdateFeaturesRequest/Response.json: flexible from v0; v1 replaces AllowDowngrade with an
// int8 UpgradeType per feature and adds ValidateOnly; v2 drops the per-feature Results.
public class UpdateFeaturesEncodingTests
{
    private const string MetadataVersion = "metadata.version"; // 16 bytes: compact length 0x11

    [Fact]
    public void Request_v1_frame_carries_feature_level_upgrade_type_and_validate_only()
    {
        var request = new UpdateFeaturesRequest([new FeatureUpdate(MetadataVersion, 21, UpgradeType.SafeDowngrade)], ValidateOnly: true);

        var frame = RequestFrame.Encode(request, correlationId: 3, clientId: null);

        Assert.Equal(Hex(
            "00000027",                               // size: 39 bytes follow
            "0039", "0001", "00000003", "FFFF", "00", // api key 57, v1, correlation id, no client id, tags
            "0000EA60",                               // timeoutMs 60000
            "02", "11", Text(MetadataVersion),        // FeatureUpdates: one; Feature
            "0015", "02", "00",                       // MaxVersionLevel 21, UpgradeType 2, tags
            "01",                                     // ValidateOnly
            "00"),                                    // body tags
            frame);
    }

    private static readonly byte[] ResponseV1 = Hex(
        "00000000", "0000", "00",                     // ThrottleTimeMs, ErrorCode, ErrorMessage null
        "02", "11", Text(MetadataVersion),            // Results: one; Feature
        "005F", "03", Text("no"), "00",               // ErrorCode 95, ErrorMessage "no", tags
        "00");                                        // body tags

    [Fact]
    public void Response_v1_has_a_result_per_feature()
    {
        var writer = new KafkaWriter();
        new UpdateFeaturesResponse(0, 0, null, [new FeatureUpdateResult(MetadataVersion, 95, "no")]).Write(writer, 1);

        Assert.Equal(ResponseV1, writer.ToArray());
        var result = Assert.Single(UpdateFeaturesResponse.Read(new KafkaReader(ResponseV1), 1).Results);
        Assert.Equal(KafkaError.InvalidUpdateVersion, result.Error);
        Assert.Equal("no", result.ErrorMessage);
    }

    [Fact]
    public void Response_v2_has_only_the_top_level_error()
    {
        var writer = new KafkaWriter();
        new UpdateFeaturesResponse(0, 95, "no", []).Write(writer, 2);

        Assert.Equal(Hex("00000000", "005F", "03", Text("no"), "00"), writer.ToArray());
    }

    [Fact]
    public void Request_v1_decodes_as_the_peer_reads_it()
    {
        var request = new UpdateFeaturesRequest([new FeatureUpdate(MetadataVersion, 25)], TimeoutMs: 5000);
        var writer = new KafkaWriter();
        request.WriteBody(writer);

        var read = UpdateFeaturesRequest.Read(new KafkaReader(writer.ToArray()), 1);

        Assert.Equal(new FeatureUpdate(MetadataVersion, 25, UpgradeType.Upgrade), Assert.Single(read.FeatureUpdates));
        Assert.Equal(5000, read.TimeoutMs);
        Assert.False(read.ValidateOnly);
    }
}
