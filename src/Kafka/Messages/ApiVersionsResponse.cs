using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>One API a broker speaks, by key number (it may be one this library does not know).</summary>
public sealed record ApiVersionRange(short ApiKey, short MinVersion, short MaxVersion);

/// <summary>A feature the answering broker can run, and the range of levels it supports.</summary>
public sealed record SupportedFeature(string Name, short MinVersion, short MaxVersion);

/// <summary>A feature level the whole cluster has finalized (e.g. metadata.version).</summary>
public sealed record FinalizedFeature(string Name, short MaxVersionLevel, short MinVersionLevel);

/// <summary>
/// The ApiVersions response, versions 0-4. From version 3 the feature information travels in
/// tagged fields (0: supported features, 1: finalized features epoch, 2: finalized features,
/// 3: ZooKeeper-migration ready), written only when they differ from their defaults.
/// </summary>
public sealed record ApiVersionsResponse(
    short ErrorCode,
    IReadOnlyList<ApiVersionRange> ApiKeys,
    int ThrottleTimeMs = 0,
    IReadOnlyList<SupportedFeature>? SupportedFeatures = null,
    long FinalizedFeaturesEpoch = -1,
    IReadOnlyList<FinalizedFeature>? FinalizedFeatures = null,
    bool ZkMigrationReady = false)
{
    private const int SupportedFeaturesTag = 0;
    private const int FinalizedFeaturesEpochTag = 1;
    private const int FinalizedFeaturesTag = 2;
    private const int ZkMigrationReadyTag = 3;

    public KafkaError Error => KafkaError.FromCode(ErrorCode);
    public IReadOnlyList<SupportedFeature> Supported => SupportedFeatures ?? [];
    public IReadOnlyList<FinalizedFeature> Finalized => FinalizedFeatures ?? [];

    /// <summary>The cluster's finalized level of a feature, or null when not finalized (or the epoch is unknown).</summary>
    public short? FinalizedLevel(string feature) =>
        FinalizedFeaturesEpoch < 0 ? null : Finalized.FirstOrDefault(f => f.Name == feature)?.MaxVersionLevel;

    public void Write(KafkaWriter writer, short version)
    {
        var flexible = ApiVersionsRequest.IsFlexible(version);
        writer.WriteInt16(ErrorCode);
        if (flexible)
            writer.WriteCompactArray(ApiKeys, (w, range) => WriteRange(w, range, flexible: true));
        else
            writer.WriteArray(ApiKeys, (w, range) => WriteRange(w, range, flexible: false));
        if (version >= 1)
            writer.WriteInt32(ThrottleTimeMs);
        if (!flexible)
            return;

        var tagged = new List<(int, Action<KafkaWriter>)>();
        if (Supported.Count > 0)
            tagged.Add((SupportedFeaturesTag, w => w.WriteCompactArray(Supported, WriteSupported)));
        if (FinalizedFeaturesEpoch != -1)
            tagged.Add((FinalizedFeaturesEpochTag, w => w.WriteInt64(FinalizedFeaturesEpoch)));
        if (Finalized.Count > 0)
            tagged.Add((FinalizedFeaturesTag, w => w.WriteCompactArray(Finalized, WriteFinalized)));
        if (ZkMigrationReady)
            tagged.Add((ZkMigrationReadyTag, w => w.WriteBool(true)));
        writer.WriteTaggedFields(tagged);
    }

    public static ApiVersionsResponse Read(KafkaReader reader, short version)
    {
        var flexible = ApiVersionsRequest.IsFlexible(version);
        var errorCode = reader.ReadInt16("ApiVersions error code");
        var apiKeys = flexible
            ? reader.ReadCompactArray("ApiVersions api keys", r => ReadRange(r, flexible: true))
            : reader.ReadArray("ApiVersions api keys", r => ReadRange(r, flexible: false));
        var throttle = version >= 1 ? reader.ReadInt32("ApiVersions throttle time") : 0;
        var response = new ApiVersionsResponse(errorCode, apiKeys, throttle);
        if (!flexible)
            return response;

        reader.ReadTaggedFields("ApiVersions tagged fields", (tag, field) =>
        {
            switch (tag)
            {
                case SupportedFeaturesTag:
                    response = response with { SupportedFeatures = field.ReadCompactArray("ApiVersions supported features", ReadSupported) };
                    return true;
                case FinalizedFeaturesEpochTag:
                    response = response with { FinalizedFeaturesEpoch = field.ReadInt64("ApiVersions finalized features epoch") };
                    return true;
                case FinalizedFeaturesTag:
                    response = response with { FinalizedFeatures = field.ReadCompactArray("ApiVersions finalized features", ReadFinalized) };
                    return true;
                case ZkMigrationReadyTag:
                    response = response with { ZkMigrationReady = field.ReadBool("ApiVersions zk migration ready") };
                    return true;
                default:
                    return false;
            }
        });
        return response;
    }

    private static void WriteRange(KafkaWriter writer, ApiVersionRange range, bool flexible)
    {
        writer.WriteInt16(range.ApiKey);
        writer.WriteInt16(range.MinVersion);
        writer.WriteInt16(range.MaxVersion);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    private static ApiVersionRange ReadRange(KafkaReader reader, bool flexible)
    {
        var range = new ApiVersionRange(
            reader.ReadInt16("ApiVersions api key"),
            reader.ReadInt16("ApiVersions min version"),
            reader.ReadInt16("ApiVersions max version"));
        if (flexible)
            reader.SkipTaggedFields("ApiVersions api key tagged fields");
        return range;
    }

    private static void WriteSupported(KafkaWriter writer, SupportedFeature feature)
    {
        writer.WriteCompactString(feature.Name);
        writer.WriteInt16(feature.MinVersion);
        writer.WriteInt16(feature.MaxVersion);
        writer.WriteEmptyTaggedFields();
    }

    private static SupportedFeature ReadSupported(KafkaReader reader)
    {
        var feature = new SupportedFeature(
            reader.ReadCompactString("supported feature name"),
            reader.ReadInt16("supported feature min version"),
            reader.ReadInt16("supported feature max version"));
        reader.SkipTaggedFields("supported feature tagged fields");
        return feature;
    }

    private static void WriteFinalized(KafkaWriter writer, FinalizedFeature feature)
    {
        writer.WriteCompactString(feature.Name);
        writer.WriteInt16(feature.MaxVersionLevel);
        writer.WriteInt16(feature.MinVersionLevel);
        writer.WriteEmptyTaggedFields();
    }

    private static FinalizedFeature ReadFinalized(KafkaReader reader)
    {
        var feature = new FinalizedFeature(
            reader.ReadCompactString("finalized feature name"),
            reader.ReadInt16("finalized feature max version level"),
            reader.ReadInt16("finalized feature min version level"));
        reader.SkipTaggedFields("finalized feature tagged fields");
        return feature;
    }
}
