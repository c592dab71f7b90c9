namespace Actors.Kafka.Protocol;

/// <summary>
/// The response header: a correlation id, plus (version 1, flexible responses) a tagged-field
/// section. ApiVersions responses always use version 0 so any client can read them.
/// </summary>
public static class ResponseHeader
{
    public static void Write(KafkaWriter writer, int correlationId, short headerVersion)
    {
        writer.WriteInt32(correlationId);
        if (headerVersion >= 1)
            writer.WriteEmptyTaggedFields();
    }

    public static int Read(KafkaReader reader, short headerVersion)
    {
        var correlationId = reader.ReadInt32("response header correlation id");
        if (headerVersion >= 1)
            reader.SkipTaggedFields("response header tagged fields");
        return correlationId;
    }
}
