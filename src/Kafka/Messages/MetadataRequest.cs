using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>A topic asked about, by name or (version 10+) by id; an unused id is zero.</summary>
public sealed record MetadataRequestTopic(string? Name, KafkaUuid TopicId = default);

/// <summary>
/// Metadata (key 3), versions 0-12, flexible from 9: the live brokers, the controller id and,
/// per topic, each partition's leader, replicas and ISR. <see cref="Topics"/> null asks for every
/// topic; empty asks for brokers only (version 0 cannot say that: its empty list means all).
/// </summary>
public sealed record MetadataRequest(
    IReadOnlyList<MetadataRequestTopic>? Topics,
    bool AllowAutoTopicCreation = false,
    bool IncludeClusterAuthorizedOperations = false,
    bool IncludeTopicAuthorizedOperations = false,
    short Version = MetadataRequest.MaxVersion) : IKafkaRequest<MetadataResponse>
{
    public const short MinVersion = 0;
    public const short MaxVersion = 12;

    public ApiKey ApiKey => ApiKey.Metadata;
    public short RequestHeaderVersion => IsFlexible(Version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion => IsFlexible(Version) ? (short)1 : (short)0;

    public static bool IsFlexible(short version) => version >= 9;

    public void WriteBody(KafkaWriter writer)
    {
        var flexible = IsFlexible(Version);
        var version = Version;
        // Version 0 has no null array: "all topics" is the empty list.
        var topics = version == 0 ? Topics ?? [] : Topics;
        writer.WriteNullableArray(topics, (w, topic) =>
        {
            if (version >= 10)
                w.WriteUuid(topic.TopicId);
            if (version >= 10)
                w.WriteNullableString(topic.Name, compact: true);
            else
                w.WriteString(topic.Name ?? throw new InvalidOperationException($"Metadata v{version} names every topic"), flexible);
            if (flexible)
                w.WriteEmptyTaggedFields();
        }, flexible);
        if (version >= 4)
            writer.WriteBool(AllowAutoTopicCreation);
        if (version is >= 8 and <= 10)
            writer.WriteBool(IncludeClusterAuthorizedOperations);
        if (version >= 8)
            writer.WriteBool(IncludeTopicAuthorizedOperations);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    public static MetadataRequest Read(KafkaReader reader, short version)
    {
        if (version is < MinVersion or > MaxVersion)
            throw new KafkaDecodeException($"Metadata request version {version} is not one of {MinVersion}-{MaxVersion}");
        var flexible = IsFlexible(version);
        Func<KafkaReader, MetadataRequestTopic> readTopic = r =>
        {
            var id = version >= 10 ? r.ReadUuid("Metadata request topic id") : KafkaUuid.Zero;
            var name = version >= 10
                ? r.ReadCompactNullableString("Metadata request topic name")
                : r.ReadString("Metadata request topic name", flexible);
            if (flexible)
                r.SkipTaggedFields("Metadata request topic tagged fields");
            return new MetadataRequestTopic(name, id);
        };
        // Version 0 has no null list: its empty list means every topic.
        var topics = version == 0
            ? reader.ReadArray("Metadata request topics", readTopic) is { Count: > 0 } named ? named : null
            : reader.ReadNullableArray("Metadata request topics", readTopic, flexible);
        var allowAutoCreation = version < 4 || reader.ReadBool("Metadata request allow auto topic creation");
        var clusterOperations = version is >= 8 and <= 10 && reader.ReadBool("Metadata request include cluster authorized operations");
        var topicOperations = version >= 8 && reader.ReadBool("Metadata request include topic authorized operations");
        if (flexible)
            reader.SkipTaggedFields("Metadata request tagged fields");
        return new MetadataRequest(topics, allowAutoCreation, clusterOperations, topicOperations, version);
    }

    public MetadataResponse ReadResponse(KafkaReader reader) => MetadataResponse.Read(reader, Version);
}
