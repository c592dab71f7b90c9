using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Client;

public class ResponseErrorsTests
{
    [Fact]
    public void An_unknown_error_code_keeps_its_number_and_is_named_unknown()
    {
        var result = ResponseErrors.Check(new ApiVersionsResponse(1234, []));

        Assert.Equal(KafkaFailureKind.ErrorCode, result.Failure?.Kind);
        Assert.Equal((short)1234, result.Failure!.Error?.Code);
        Assert.Contains("UNKNOWN_ERROR_CODE_1234 (1234)", result.Failure.Message);
    }

    [Fact]
    public void A_top_level_describe_quorum_error_names_code_and_server_message()
    {
        var result = ResponseErrors.ControllerQuorum(new DescribeQuorumResponse(31, "denied", [], []));

        Assert.Equal(KafkaError.ClusterAuthorizationFailed, result.Failure?.Error);
        Assert.Equal("DescribeQuorum: CLUSTER_AUTHORIZATION_FAILED (31): denied", result.Failure!.Message);
    }

    [Fact]
    public void A_describe_quorum_response_without_the_metadata_partition_is_malformed()
    {
        var result = ResponseErrors.ControllerQuorum(new DescribeQuorumResponse(0, null, [new QuorumTopic("other", [])], []));

        Assert.Equal(KafkaFailureKind.MalformedResponse, result.Failure?.Kind);
    }

    [Fact]
    public void An_update_features_refusal_names_the_feature()
    {
        var result = ResponseErrors.Check(new UpdateFeaturesResponse(0, 0, null,
            [new FeatureUpdateResult("metadata.version", 95, "too new")]));

        Assert.Equal("UpdateFeatures metadata.version: INVALID_UPDATE_VERSION (95): too new", result.Failure?.Message);
    }

    [Fact]
    public void Reading_the_value_of_a_failure_throws_with_the_failure()
    {
        var result = ResponseErrors.Check(new UpdateFeaturesResponse(0, 41, null, []));

        var error = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("NOT_CONTROLLER", error.Message);
    }
}
