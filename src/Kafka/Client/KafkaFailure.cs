using Actors.Kafka.Protocol;

namespace Actors.Kafka.Client;

public enum KafkaFailureKind
{
    /// <summary>No TCP connection could be made.</summary>
    Unreachable,
    /// <summary>The whole exchange did not finish within the client's timeout.</summary>
    TimedOut,
    /// <summary>The connection was closed or reset before the response was complete.</summary>
    ConnectionLost,
    /// <summary>Bytes came back that are not the response asked for.</summary>
    MalformedResponse,
    /// <summary>Kafka answered with an error code.</summary>
    ErrorCode,
    /// <summary>The client library itself failed (a local librdkafka error, not the cluster's answer).</summary>
    ClientFailed,
}

/// <summary>Why a request did not succeed, in words fit for a condition message.</summary>
public sealed record KafkaFailure(KafkaFailureKind Kind, string Message, KafkaError? Error = null)
{
    public static KafkaFailure FromError(KafkaError error, string? serverMessage, string context) =>
        new(KafkaFailureKind.ErrorCode,
            serverMessage is null ? $"{context}: {error}" : $"{context}: {error}: {serverMessage}",
            error);

    public override string ToString() => $"{Kind}: {Message}";
}
