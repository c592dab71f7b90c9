using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>One feature to set to a new finalized maximum level.</summary>
public sealed record FeatureUpdate(string Feature, short MaxVersionLevel, UpgradeType UpgradeType = UpgradeType.Upgrade);

/// <summary>
/// UpdateFeatures (key 57, flexible from version 0), versions 1-2: version 1 carries an
/// upgrade type per feature and ValidateOnly; version 2 has the same body and only drops the
/// per-feature results from the response.
/// </summary>
public sealed record UpdateFeaturesRequest(
    IReadOnlyList<FeatureUpdate> FeatureUpdates,
    bool ValidateOnly = false,
    int TimeoutMs = 60_000,
    short Version = 1) : IKafkaRequest<UpdateFeaturesResponse>
{
    public const short MinVersion = 1;
    public const short MaxVersion = 2;

    public ApiKey ApiKey => ApiKey.UpdateFeatures;
    public short RequestHeaderVersion => 2;
    public short ResponseHeaderVersion => 1;

    public void WriteBody(KafkaWriter writer)
    {
        writer.WriteInt32(TimeoutMs);
        writer.WriteCompactArray(FeatureUpdates, static (w, update) =>
        {
            w.WriteCompactString(update.Feature);
            w.WriteInt16(update.MaxVersionLevel);
            w.WriteInt8((sbyte)update.UpgradeType);
            w.WriteEmptyTaggedFields();
        });
        writer.WriteBool(ValidateOnly);
        writer.WriteEmptyTaggedFields();
    }

    public static UpdateFeaturesRequest Read(KafkaReader reader, short version)
    {
        if (version is < MinVersion or > MaxVersion)
            throw new KafkaDecodeException($"UpdateFeatures request version {version} is not one of {MinVersion}-{MaxVersion}");
        var timeoutMs = reader.ReadInt32("UpdateFeatures request timeout");
        var updates = reader.ReadCompactArray("UpdateFeatures request feature updates", static r =>
        {
            var update = new FeatureUpdate(
                r.ReadCompactString("UpdateFeatures request feature"),
                r.ReadInt16("UpdateFeatures request max version level"),
                (UpgradeType)r.ReadInt8("UpdateFeatures request upgrade type"));
            r.SkipTaggedFields("UpdateFeatures request feature tagged fields");
            return update;
        });
        var validateOnly = reader.ReadBool("UpdateFeatures request validate only");
        reader.SkipTaggedFields("UpdateFeatures request tagged fields");
        return new UpdateFeaturesRequest(updates, validateOnly, timeoutMs, version);
    }

    public UpdateFeaturesResponse ReadResponse(KafkaReader reader) => UpdateFeaturesResponse.Read(reader, Version);
}
