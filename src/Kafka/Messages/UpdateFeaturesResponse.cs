using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>The outcome for one feature (versions 0-1 only).</summary>
public sealed record FeatureUpdateResult(string Feature, short ErrorCode, string? ErrorMessage)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);
}

/// <summary>The UpdateFeatures response, versions 1-2 (version 2 has no per-feature results).</summary>
public sealed record UpdateFeaturesResponse(
    int ThrottleTimeMs,
    short ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<FeatureUpdateResult> Results)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);

    public void Write(KafkaWriter writer, short version)
    {
        writer.WriteInt32(ThrottleTimeMs);
        writer.WriteInt16(ErrorCode);
        writer.WriteCompactNullableString(ErrorMessage);
        if (version <= 1)
        {
            writer.WriteCompactArray(Results, static (w, result) =>
            {
                w.WriteCompactString(result.Feature);
                w.WriteInt16(result.ErrorCode);
                w.WriteCompactNullableString(result.ErrorMessage);
                w.WriteEmptyTaggedFields();
            });
        }
        writer.WriteEmptyTaggedFields();
    }

    public static UpdateFeaturesResponse Read(KafkaReader reader, short version)
    {
        var throttle = reader.ReadInt32("UpdateFeatures throttle time");
        var errorCode = reader.ReadInt16("UpdateFeatures error code");
        var errorMessage = reader.ReadCompactNullableString("UpdateFeatures error message");
        IReadOnlyList<FeatureUpdateResult> results = version <= 1
            ? reader.ReadCompactArray("UpdateFeatures results", static r =>
            {
                var result = new FeatureUpdateResult(
                    r.ReadCompactString("UpdateFeatures result feature"),
                    r.ReadInt16("UpdateFeatures result error code"),
                    r.ReadCompactNullableString("UpdateFeatures result error message"));
                r.SkipTaggedFields("UpdateFeatures result tagged fields");
                return result;
            })
            : [];
        reader.SkipTaggedFields("UpdateFeatures tagged fields");
        return new UpdateFeaturesResponse(throttle, errorCode, errorMessage, results);
    }
}
