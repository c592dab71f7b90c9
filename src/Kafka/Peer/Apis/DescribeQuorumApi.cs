using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// DescribeQuorum v0-2 from the model's quorum. Like a KRaft controller: a request for anything
/// but __cluster_metadata-0 gets UNKNOWN_TOPIC_OR_PARTITION; with no leader the partition says
/// NOT_LEADER_OR_FOLLOWER. Lags become timestamps relative to the model's clock now.
/// </summary>
internal sealed class DescribeQuorumApi : IPeerApi
{
    public const string ControllerListener = "CONTROLLER";

    public ApiKey ApiKey => ApiKey.DescribeQuorum;
    public short MinVersion => 0;
    public short MaxVersion => 2;

    public short RequestHeaderVersion(short version) => 2;
    public short ResponseHeaderVersion(short version) => 1;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response)
    {
        var request = DescribeQuorumRequest.Read(body, version);
        Describe(model.State, request, model.Time.GetUtcNow()).Write(response, version);
    }

    public static DescribeQuorumResponse Describe(ClusterState state, DescribeQuorumRequest request, DateTimeOffset now)
    {
        var asksForControllerQuorum = request.Topics is [{ TopicName: DescribeQuorumRequest.ClusterMetadataTopic, Partitions: [0] }];
        if (!asksForControllerQuorum)
            return new DescribeQuorumResponse(KafkaError.UnknownTopicOrPartition.Code,
                $"Only {DescribeQuorumRequest.ClusterMetadataTopic}-0 has a quorum.", [], []);

        var quorum = state.Quorum;
        var nowMs = now.ToUnixTimeMilliseconds();
        var partition = quorum.LeaderId == QuorumState.NoLeader
            ? new QuorumPartition(0, KafkaError.NotLeaderOrFollower.Code, "The quorum has no leader.",
                QuorumState.NoLeader, quorum.LeaderEpoch, -1, [], [])
            : new QuorumPartition(0, KafkaError.None.Code, null, quorum.LeaderId, quorum.LeaderEpoch, quorum.LogEndOffset,
                quorum.Voters.Select(v => Replica(v, quorum, nowMs)).ToList(),
                quorum.Observers.Select(id => new ReplicaState(id, quorum.LogEndOffset, nowMs, nowMs)).ToList());
        var nodes = quorum.Voters
            .Select(v => new QuorumNode(v.NodeId, [new QuorumListener(ControllerListener, v.Host, v.Port)]))
            .ToList();
        return new DescribeQuorumResponse(KafkaError.None.Code, null,
            [new QuorumTopic(DescribeQuorumRequest.ClusterMetadataTopic, [partition])], nodes);
    }

    // The leader reports no fetch time and "now" as its caught-up time, as Kafka does.
    private static ReplicaState Replica(QuorumVoter voter, QuorumState quorum, long nowMs) =>
        voter.NodeId == quorum.LeaderId
            ? new ReplicaState(voter.NodeId, quorum.LogEndOffset, -1, nowMs, voter.DirectoryId)
            : new ReplicaState(voter.NodeId, quorum.LogEndOffset - voter.OffsetLag,
                nowMs - (long)voter.FetchLag.TotalMilliseconds,
                nowMs - (long)voter.CaughtUpLag.TotalMilliseconds,
                voter.DirectoryId);
}
