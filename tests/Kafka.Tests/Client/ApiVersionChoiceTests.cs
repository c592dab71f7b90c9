using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Client;

public class ApiVersionChoiceTests
{
    private static ApiVersionsResponse Offering(short min, short max) =>
        new(0, [new ApiVersionRange((short)ApiKey.DescribeQuorum, min, max)]);

    [Theory]
    [InlineData(0, 2, 2)] // Kafka 3.9 and 4.x
    [InlineData(0, 1, 1)] // Kafka 3.3-3.8: no directory ids, same caught-up times
    [InlineData(0, 5, 2)] // a newer Kafka: our highest
    public void The_highest_version_both_speak_is_chosen(short brokerMin, short brokerMax, short expected)
    {
        var choice = ApiVersionChoice.Pick(Offering(brokerMin, brokerMax), ApiKey.DescribeQuorum, 1, 2);

        Assert.Equal(expected, choice.Value);
    }

    [Fact]
    public void A_broker_that_speaks_only_older_versions_is_a_clear_failure()
    {
        var choice = ApiVersionChoice.Pick(Offering(0, 0), ApiKey.DescribeQuorum, 1, 2);

        Assert.Equal(KafkaError.UnsupportedVersion, choice.Failure!.Error);
        Assert.Contains("DescribeQuorum: the broker speaks versions 0-0, the operator 1-2", choice.Failure.Message);
    }

    [Fact]
    public void A_broker_without_the_api_is_a_clear_failure()
    {
        var choice = ApiVersionChoice.Pick(Offering(0, 2), ApiKey.UpdateFeatures, 1, 1);

        Assert.Contains("UpdateFeatures: the broker does not offer it", choice.Failure!.Message);
    }
}
