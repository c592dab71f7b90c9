using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>UpdateFeatures v1-2, decided by <see cref="FeatureUpdateRules"/> against the model.</summary>
internal sealed class UpdateFeaturesApi : IPeerApi
{
    public ApiKey ApiKey => ApiKey.UpdateFeatures;
    public short MinVersion => UpdateFeaturesRequest.MinVersion;
    public short MaxVersion => UpdateFeaturesRequest.MaxVersion;

    public short RequestHeaderVersion(short version) => 2;
    public short ResponseHeaderVersion(short version) => 1;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response)
    {
        var request = UpdateFeaturesRequest.Read(body, version);
        body.ExpectEnd("UpdateFeatures request");
        model.Update(state => FeatureUpdateRules.Apply(state, request)).Write(response, version);
    }
}
