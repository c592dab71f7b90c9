using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>
/// A request at one version that knows how to write its body and read the body of its
/// response. Headers and framing are the same for every API, so they live in one place
/// (<see cref="RequestFrame"/>) and a new API is one request and one response file.
/// </summary>
public interface IKafkaRequest<out TResponse>
{
    ApiKey ApiKey { get; }
    short Version { get; }

    /// <summary>2 for flexible versions, 1 before them.</summary>
    short RequestHeaderVersion { get; }

    /// <summary>1 for flexible versions; always 0 for ApiVersions.</summary>
    short ResponseHeaderVersion { get; }

    void WriteBody(KafkaWriter writer);

    /// <summary>Reads the whole body; throws <see cref="KafkaDecodeException"/> on bad bytes.</summary>
    TResponse ReadResponse(KafkaReader reader);
}
