using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// Metadata v0-12 from the model, as a KRaft broker answers it: only live brokers are listed;
/// the controller id is a live broker (KRaft brokers name one, since clients cannot reach the
/// controllers); a leaderless partition says LEADER_NOT_AVAILABLE; replicas on brokers that are
/// down are offline. Unknown topics get UNKNOWN_TOPIC_OR_PARTITION (or UNKNOWN_TOPIC_ID when
/// asked by id) and are never created.
/// </summary>
internal sealed class MetadataApi(Func<int, KafkaEndpoint> advertisedListener) : IPeerApi
{
    public ApiKey ApiKey => ApiKey.Metadata;
    public short MinVersion => MetadataRequest.MinVersion;
    public short MaxVersion => MetadataRequest.MaxVersion;

    public short RequestHeaderVersion(short version) => MetadataRequest.IsFlexible(version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion(short version) => MetadataRequest.IsFlexible(version) ? (short)1 : (short)0;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response) =>
        Describe(model.State, MetadataRequest.Read(body, version), advertisedListener).Write(response, version);

    public static MetadataResponse Describe(ClusterState state, MetadataRequest request, Func<int, KafkaEndpoint> advertisedListener)
    {
        var live = state.LiveBrokers;
        var brokers = live.Select(b =>
        {
            var endpoint = advertisedListener(b.NodeId);
            return new MetadataBroker(b.NodeId, endpoint.Host, endpoint.Port, b.Rack);
        }).ToList();
        var topics = request.Topics is null
            ? state.Topics.Select(t => Topic(state, t, request)).ToList()
            : request.Topics.Select(asked => Asked(state, asked, request)).ToList();
        return new MetadataResponse(
            ThrottleTimeMs: 0,
            brokers,
            state.ClusterId,
            ControllerId: live.Count == 0 ? -1 : live[0].NodeId,
            topics,
            request.IncludeClusterAuthorizedOperations ? AuthorizedOperations.Cluster : MetadataResponse.OperationsNotRequested);
    }

    private static MetadataTopic Asked(ClusterState state, MetadataRequestTopic asked, MetadataRequest request)
    {
        var topic = asked.Name is not null
            ? state.Topic(asked.Name)
            : state.Topics.FirstOrDefault(t => t.Id == asked.TopicId);
        if (topic is not null)
            return Topic(state, topic, request);
        // Before version 12 a name cannot be null; Kafka then sends an empty one.
        return asked.Name is not null
            ? new MetadataTopic(KafkaError.UnknownTopicOrPartition.Code, asked.Name, KafkaUuid.Zero, false, [])
            : new MetadataTopic(KafkaError.UnknownTopicId.Code, request.Version >= 12 ? null : "", asked.TopicId, false, []);
    }

    private static MetadataTopic Topic(ClusterState state, PeerTopic topic, MetadataRequest request) =>
        new(KafkaError.None.Code, topic.Name, topic.Id, topic.IsInternal,
            topic.Partitions.Select(p => new MetadataPartition(
                p.Leader == PeerPartition.NoLeader ? KafkaError.LeaderNotAvailable.Code : KafkaError.None.Code,
                p.Index, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr,
                p.Replicas.Where(id => state.Broker(id) is not { IsUp: true }).ToList())).ToList(),
            request.IncludeTopicAuthorizedOperations ? AuthorizedOperations.Topic : MetadataResponse.OperationsNotRequested);
}
