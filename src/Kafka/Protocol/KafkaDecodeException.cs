namespace Actors.Kafka.Protocol;

/// <summary>
/// Bytes that do not decode as the message they claim to be: truncated, out of range, or
/// inconsistent. The message names the field and the offset, so a bad peer is diagnosable.
/// </summary>
public sealed class KafkaDecodeException(string message) : Exception(message);
