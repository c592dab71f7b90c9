using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// One Kafka API the peer answers. The peer reads the frame and header and writes the response
/// frame; an API only decodes its request body and writes its response body from the model.
/// Adding an API is one new implementation registered in <see cref="RequestRouter"/>.
/// </summary>
internal interface IPeerApi
{
    ApiKey ApiKey { get; }
    short MinVersion { get; }
    short MaxVersion { get; }

    short RequestHeaderVersion(short version);
    short ResponseHeaderVersion(short version);

    /// <summary>Throws <see cref="KafkaDecodeException"/> when the body does not decode.</summary>
    void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response);
}
