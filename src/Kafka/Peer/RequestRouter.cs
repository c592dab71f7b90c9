using System.Buffers.Binary;
using Actors.Kafka.Client;
using Actors.Kafka.Peer.Apis;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer;

/// <summary>
/// Turns one request frame into one response frame: reads the header, picks the API, checks
/// the version, lets the API answer from the model. No I/O, so every byte sequence a client
/// could send can be tried on it directly. Anything it cannot serve is a
/// <see cref="KafkaDecodeException"/> saying why; the connection decides what to do with that.
/// </summary>
internal sealed class RequestRouter
{
    private readonly ClusterModel _model;
    private readonly ApiVersionsApi _apiVersions;
    private readonly Dictionary<ApiKey, IPeerApi> _apis;

    /// <param name="advertisedListener">Where clients reach a broker, by node id: what Metadata and DescribeCluster list.</param>
    public RequestRouter(ClusterModel model, Func<int, KafkaEndpoint> advertisedListener)
    {
        _model = model;
        // ApiVersions lists exactly the APIs registered here, so it can never advertise one the peer does not serve.
        _apiVersions = new ApiVersionsApi(() => [.. _apis!.Values.OrderBy(a => a.ApiKey)]);
        _apis = new IPeerApi[]
        {
            _apiVersions,
            new MetadataApi(advertisedListener),
            new DescribeConfigsApi(),
            new DescribeClusterApi(advertisedListener),
            new DescribeQuorumApi(),
            new UpdateFeaturesApi(),
        }.ToDictionary(a => a.ApiKey);
    }

    /// <summary>A request frame without its size prefix in; the response frame with its size prefix out.</summary>
    public byte[] Respond(ReadOnlyMemory<byte> frame)
    {
        var reader = new KafkaReader(frame);
        var prefix = RequestHeader.ReadPrefix(reader);
        if (!_apis.TryGetValue(prefix.ApiKey, out var api))
            throw new KafkaDecodeException($"api key {(short)prefix.ApiKey} is not served by this peer");

        var body = new KafkaWriter();
        if (api == _apiVersions && prefix.ApiVersion > api.MaxVersion)
        {
            _apiVersions.AnswerUnsupported(body);
            return Frame(prefix.CorrelationId, 0, body);
        }
        if (prefix.ApiVersion < api.MinVersion || prefix.ApiVersion > api.MaxVersion)
            throw new KafkaDecodeException(
                $"{prefix.ApiKey} version {prefix.ApiVersion} is outside the served {api.MinVersion}-{api.MaxVersion}");

        RequestHeader.ReadRest(reader, prefix, api.RequestHeaderVersion(prefix.ApiVersion));
        // Bytes after the body are ignored, as Kafka's brokers ignore them: librdkafka's
        // all-topics Metadata (v9+) keeps a 4-byte array-count placeholder of which the compact
        // encoding reads one byte, so its last 3 bytes always trail. Refusing them would refuse
        // every real librdkafka client.
        api.Answer(prefix.ApiVersion, reader, _model, body);
        return Frame(prefix.CorrelationId, api.ResponseHeaderVersion(prefix.ApiVersion), body);
    }

    private static byte[] Frame(int correlationId, short headerVersion, KafkaWriter body)
    {
        var frame = new KafkaWriter();
        frame.WriteInt32(0); // size, patched below
        ResponseHeader.Write(frame, correlationId, headerVersion);
        frame.WriteBytes(body.WrittenSpan);
        var bytes = frame.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length - 4);
        return bytes;
    }
}
