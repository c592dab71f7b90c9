using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// ApiVersions v0-3: the peer's APIs, the metadata.version range every node supports, and the
/// finalized level. A request at a newer version gets Kafka's KIP-511 answer: a v0 response
/// with UNSUPPORTED_VERSION that still lists the versions, so the client can retry lower.
/// </summary>
internal sealed class ApiVersionsApi(Func<IReadOnlyList<IPeerApi>> apis) : IPeerApi
{
    public ApiKey ApiKey => ApiKey.ApiVersions;
    public short MinVersion => 0;
    public short MaxVersion => 3;

    public short RequestHeaderVersion(short version) => ApiVersionsRequest.IsFlexible(version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion(short version) => 0;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response)
    {
        ApiVersionsRequest.Read(body, version);
        Describe(model.State, Ranges()).Write(response, version);
    }

    /// <summary>The body answered to a version above <see cref="MaxVersion"/>, written as v0.</summary>
    public void AnswerUnsupported(KafkaWriter response) =>
        new ApiVersionsResponse(KafkaError.UnsupportedVersion.Code, Ranges()).Write(response, 0);

    public static ApiVersionsResponse Describe(ClusterState state, IReadOnlyList<ApiVersionRange> ranges)
    {
        var (min, max) = state.SupportedMetadataVersions;
        return new ApiVersionsResponse(
            KafkaError.None.Code,
            ranges,
            SupportedFeatures: [new SupportedFeature(MetadataVersion.FeatureName, min, max)],
            FinalizedFeaturesEpoch: state.FinalizedFeaturesEpoch,
            FinalizedFeatures: [new FinalizedFeature(MetadataVersion.FeatureName, state.MetadataVersionLevel, state.MetadataVersionLevel)]);
    }

    private List<ApiVersionRange> Ranges() =>
        apis().Select(a => new ApiVersionRange((short)a.ApiKey, a.MinVersion, a.MaxVersion)).ToList();
}
