using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>One resource asked about; <see cref="ConfigurationKeys"/> null asks for every key.</summary>
public sealed record DescribeConfigsResource(ConfigResourceType ResourceType, string ResourceName, IReadOnlyList<string>? ConfigurationKeys = null);

/// <summary>
/// DescribeConfigs (key 32), versions 0-4, flexible from 4: the configuration of topics and
/// brokers with where each value comes from. librdkafka sends versions 0 and 1.
/// </summary>
public sealed record DescribeConfigsRequest(
    IReadOnlyList<DescribeConfigsResource> Resources,
    bool IncludeSynonyms = false,
    bool IncludeDocumentation = false,
    short Version = DescribeConfigsRequest.MaxVersion) : IKafkaRequest<DescribeConfigsResponse>
{
    public const short MinVersion = 0;
    public const short MaxVersion = 4;

    public ApiKey ApiKey => ApiKey.DescribeConfigs;
    public short RequestHeaderVersion => IsFlexible(Version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion => IsFlexible(Version) ? (short)1 : (short)0;

    public static bool IsFlexible(short version) => version >= 4;

    public void WriteBody(KafkaWriter writer)
    {
        var flexible = IsFlexible(Version);
        writer.WriteArray(Resources, (w, resource) =>
        {
            w.WriteInt8((sbyte)resource.ResourceType);
            w.WriteString(resource.ResourceName, flexible);
            w.WriteNullableArray(resource.ConfigurationKeys, (kw, key) => kw.WriteString(key, flexible), flexible);
            if (flexible)
                w.WriteEmptyTaggedFields();
        }, flexible);
        if (Version >= 1)
            writer.WriteBool(IncludeSynonyms);
        if (Version >= 3)
            writer.WriteBool(IncludeDocumentation);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    public static DescribeConfigsRequest Read(KafkaReader reader, short version)
    {
        if (version is < MinVersion or > MaxVersion)
            throw new KafkaDecodeException($"DescribeConfigs request version {version} is not one of {MinVersion}-{MaxVersion}");
        var flexible = IsFlexible(version);
        var resources = reader.ReadArray("DescribeConfigs request resources", r =>
        {
            var resource = new DescribeConfigsResource(
                (ConfigResourceType)r.ReadInt8("DescribeConfigs request resource type"),
                r.ReadString("DescribeConfigs request resource name", flexible),
                r.ReadNullableArray("DescribeConfigs request configuration keys",
                    kr => kr.ReadString("DescribeConfigs request configuration key", flexible), flexible));
            if (flexible)
                r.SkipTaggedFields("DescribeConfigs request resource tagged fields");
            return resource;
        }, flexible);
        var synonyms = version >= 1 && reader.ReadBool("DescribeConfigs request include synonyms");
        var documentation = version >= 3 && reader.ReadBool("DescribeConfigs request include documentation");
        if (flexible)
            reader.SkipTaggedFields("DescribeConfigs request tagged fields");
        return new DescribeConfigsRequest(resources, synonyms, documentation, version);
    }

    public DescribeConfigsResponse ReadResponse(KafkaReader reader) => DescribeConfigsResponse.Read(reader, Version);
}
