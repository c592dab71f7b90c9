using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// DescribeCluster v0-1 from the model: the live brokers with a live broker as controller id
/// (as Metadata says), or, asked for controllers (v1), the quorum's voters with the quorum
/// leader. The peer stands for the whole cluster, so it answers both endpoint types.
/// </summary>
internal sealed class DescribeClusterApi(Func<int, KafkaEndpoint> advertisedListener) : IPeerApi
{
    public ApiKey ApiKey => ApiKey.DescribeCluster;
    public short MinVersion => DescribeClusterRequest.MinVersion;
    public short MaxVersion => DescribeClusterRequest.MaxVersion;

    public short RequestHeaderVersion(short version) => 2;
    public short ResponseHeaderVersion(short version) => 1;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response) =>
        Describe(model.State, DescribeClusterRequest.Read(body, version), advertisedListener).Write(response, version);

    public static DescribeClusterResponse Describe(ClusterState state, DescribeClusterRequest request, Func<int, KafkaEndpoint> advertisedListener)
    {
        var operations = request.IncludeClusterAuthorizedOperations ? AuthorizedOperations.Cluster : MetadataResponse.OperationsNotRequested;
        switch (request.EndpointType)
        {
            case EndpointType.Brokers:
                var live = state.LiveBrokers;
                var brokers = live.Select(b =>
                {
                    var endpoint = advertisedListener(b.NodeId);
                    return new DescribeClusterBroker(b.NodeId, endpoint.Host, endpoint.Port, b.Rack);
                }).ToList();
                return new DescribeClusterResponse(0, KafkaError.None.Code, null, EndpointType.Brokers, state.ClusterId,
                    live.Count == 0 ? -1 : live[0].NodeId, brokers, operations);
            case EndpointType.Controllers:
                var voters = state.Quorum.Voters.Select(v => new DescribeClusterBroker(v.NodeId, v.Host, v.Port)).ToList();
                return new DescribeClusterResponse(0, KafkaError.None.Code, null, EndpointType.Controllers, state.ClusterId,
                    state.Quorum.LeaderId, voters, operations);
            default:
                return new DescribeClusterResponse(0, KafkaError.UnsupportedEndpointType.Code,
                    $"endpoint type {(sbyte)request.EndpointType} is neither brokers (1) nor controllers (2)",
                    request.EndpointType, state.ClusterId, -1, [], operations);
        }
    }
}
