namespace Actors.Kafka.Protocol;

/// <summary>
/// The request header. Version 2 (flexible) adds a tagged-field section; the client id keeps
/// its int16 length in every version so an old broker can always read an ApiVersions header.
/// Version 1 is what ApiVersions v0-2 requests carry.
/// </summary>
public sealed record RequestHeader(ApiKey ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    public void Write(KafkaWriter writer, short headerVersion)
    {
        writer.WriteInt16((short)ApiKey);
        writer.WriteInt16(ApiVersion);
        writer.WriteInt32(CorrelationId);
        writer.WriteNullableString(ClientId);
        if (headerVersion >= 2)
            writer.WriteEmptyTaggedFields();
    }

    /// <summary>The key, version and correlation id: enough to pick the header version of the rest.</summary>
    public static (ApiKey ApiKey, short ApiVersion, int CorrelationId) ReadPrefix(KafkaReader reader) =>
        ((ApiKey)reader.ReadInt16("request header api key"),
         reader.ReadInt16("request header api version"),
         reader.ReadInt32("request header correlation id"));

    public static RequestHeader ReadRest(KafkaReader reader, (ApiKey ApiKey, short ApiVersion, int CorrelationId) prefix, short headerVersion)
    {
        var clientId = reader.ReadNullableString("request header client id");
        if (headerVersion >= 2)
            reader.SkipTaggedFields("request header tagged fields");
        return new RequestHeader(prefix.ApiKey, prefix.ApiVersion, prefix.CorrelationId, clientId);
    }
}
