using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Messages;

// DescribeConfigsRequest/Response.json: versions 0-4, flexible from 4. v0 has IsDefault per
// entry; v1 replaces it with ConfigSource and adds synonyms (and IncludeSynonyms); v3 adds the
// config type and documentation. librdkafka (and so Confluent.Kafka) sends v1.
public class DescribeConfigsEncodingTests
{
    private const string MinIsr = "min.insync.replicas"; // 19 bytes: int16 length 0x0013, compact 0x14

    [Fact]
    public void Request_v1_as_librdkafka_sends_it_asks_all_keys_of_a_topic_with_synonyms()
    {
        var request = new DescribeConfigsRequest([new DescribeConfigsResource(ConfigResourceType.Topic, "orders")], IncludeSynonyms: true, Version: 1);

        var frame = RequestFrame.Encode(request, correlationId: 1, clientId: null);

        Assert.Equal(Hex(
            "0000001C",                               // size: 28 bytes follow
            "0020", "0001", "00000001", "FFFF",       // api key 32, v1, correlation id, null client id
            "00000001",                               // Resources: one
            "02", "0006", Text("orders"),             //   ResourceType topic, ResourceName
            "FFFFFFFF",                               //   ConfigurationKeys: null (all)
            "01"),                                    // IncludeSynonyms
            frame);
    }

    private static readonly byte[] ResponseV0 = Hex(
        "00000000",                                   // ThrottleTimeMs
        "00000001",                                   // Results: one
        "0000", "FFFF",                               //   ErrorCode, ErrorMessage null
        "02", "0006", Text("orders"),                 //   ResourceType topic, ResourceName
        "00000001",                                   //   Configs: one
        "0013", Text(MinIsr), "0001", Text("2"),      //     Name, Value "2"
        "00", "00", "00");                            //     ReadOnly, IsDefault, IsSensitive

    private static readonly byte[] ResponseV4 = Hex(
        "00000000",                                   // ThrottleTimeMs
        "02",                                         // Results: one
        "0000", "00",                                 //   ErrorCode, ErrorMessage null
        "02", "07", Text("orders"),                   //   ResourceType topic, ResourceName
        "02",                                         //   Configs: one
        "14", Text(MinIsr), "02", Text("2"),          //     Name, Value "2"
        "00", "01", "00",                             //     ReadOnly, ConfigSource 1 (topic), IsSensitive
        "02", "14", Text(MinIsr), "02", Text("2"),    //     Synonyms: one; Name, Value
        "01", "00",                                   //       Source 1, synonym tags
        "03", "00",                                   //     ConfigType 3 (INT), Documentation null
        "00",                                         //     config tags
        "00",                                         //   result tags
        "00");                                        // body tags

    [Fact]
    public void Response_v0_carries_is_default_and_no_source()
    {
        var writer = new KafkaWriter();
        new DescribeConfigsResponse(0, [new DescribeConfigsResult(0, null, ConfigResourceType.Topic, "orders",
            [new ConfigEntry(MinIsr, "2")])]).Write(writer, 0);

        Assert.Equal(ResponseV0, writer.ToArray());
    }

    [Fact]
    public void Response_v4_is_compact_with_source_synonyms_and_type()
    {
        var entry = new ConfigEntry(MinIsr, "2", Source: ConfigSource.DynamicTopicConfig,
            Synonyms: [new ConfigSynonym(MinIsr, "2", ConfigSource.DynamicTopicConfig)], ConfigType: 3);
        var writer = new KafkaWriter();

        new DescribeConfigsResponse(0, [new DescribeConfigsResult(0, null, ConfigResourceType.Topic, "orders", [entry])]).Write(writer, 4);

        Assert.Equal(ResponseV4, writer.ToArray());
        var decoded = Assert.Single(Assert.Single(DescribeConfigsResponse.Read(new KafkaReader(ResponseV4), 4).Results).Configs);
        Assert.Equal(entry with { Synonyms = decoded.Synonyms }, decoded);
        Assert.Equal(entry.Synonyms, decoded.Synonyms);
    }
}
