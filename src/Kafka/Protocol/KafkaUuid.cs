namespace Actors.Kafka.Protocol;

/// <summary>
/// Kafka's UUID: 16 bytes on the wire, the most significant 64 bits first. Kept as two
/// longs rather than <see cref="Guid"/>, whose byte order differs.
/// </summary>
public readonly record struct KafkaUuid(long MostSignificantBits, long LeastSignificantBits)
{
    public static readonly KafkaUuid Zero = new(0, 0);

    public override string ToString() => $"{MostSignificantBits:x16}{LeastSignificantBits:x16}";
}
