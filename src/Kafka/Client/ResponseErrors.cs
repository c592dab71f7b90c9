using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Client;

/// <summary>
/// Turns the error codes inside decoded responses into failures, so callers see one typed
/// result whether the network or Kafka said no. Pure: no I/O.
/// </summary>
public static class ResponseErrors
{
    public static KafkaResult<ApiVersionsResponse> Check(ApiVersionsResponse response) =>
        response.Error.IsError
            ? KafkaResult<ApiVersionsResponse>.Failed(KafkaFailure.FromError(response.Error, null, "ApiVersions"))
            : KafkaResult<ApiVersionsResponse>.Success(response);

    /// <summary>The controller quorum's partition (__cluster_metadata-0), or the error that stands for it.</summary>
    public static KafkaResult<QuorumPartition> ControllerQuorum(DescribeQuorumResponse response)
    {
        if (response.Error.IsError)
            return KafkaResult<QuorumPartition>.Failed(KafkaFailure.FromError(response.Error, response.ErrorMessage, "DescribeQuorum"));
        var partition = response.Topics
            .Where(t => t.TopicName == DescribeQuorumRequest.ClusterMetadataTopic)
            .SelectMany(t => t.Partitions)
            .FirstOrDefault(p => p.PartitionIndex == 0);
        if (partition is null)
            return KafkaResult<QuorumPartition>.Failed(new KafkaFailure(KafkaFailureKind.MalformedResponse,
                $"DescribeQuorum: the response has no {DescribeQuorumRequest.ClusterMetadataTopic}-0 partition"));
        if (partition.Error.IsError)
            return KafkaResult<QuorumPartition>.Failed(KafkaFailure.FromError(partition.Error, partition.ErrorMessage,
                $"DescribeQuorum {DescribeQuorumRequest.ClusterMetadataTopic}-0"));
        return KafkaResult<QuorumPartition>.Success(partition);
    }

    /// <summary>Fails on the top-level error or the first feature that was refused.</summary>
    public static KafkaResult<UpdateFeaturesResponse> Check(UpdateFeaturesResponse response)
    {
        if (response.Error.IsError)
            return KafkaResult<UpdateFeaturesResponse>.Failed(KafkaFailure.FromError(response.Error, response.ErrorMessage, "UpdateFeatures"));
        var refused = response.Results.FirstOrDefault(r => r.Error.IsError);
        return refused is null
            ? KafkaResult<UpdateFeaturesResponse>.Success(response)
            : KafkaResult<UpdateFeaturesResponse>.Failed(KafkaFailure.FromError(refused.Error, refused.ErrorMessage, $"UpdateFeatures {refused.Feature}"));
    }

    public static KafkaResult<DescribeClusterResponse> Check(DescribeClusterResponse response) =>
        response.Error.IsError
            ? KafkaResult<DescribeClusterResponse>.Failed(KafkaFailure.FromError(response.Error, response.ErrorMessage, "DescribeCluster"))
            : KafkaResult<DescribeClusterResponse>.Success(response);
}
