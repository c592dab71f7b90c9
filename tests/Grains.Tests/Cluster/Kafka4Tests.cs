using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Grains.Tests.Cluster;

/// <summary>Kafka 4.x: the versions the operator knows, the upgrade path from 3.9 and the settings 4.0 removed.</summary>
public class Kafka4Tests
{
    [Theory]
    [InlineData("4.0.1")]
    [InlineData("4.1.1")]
    [InlineData("4.3.1")]
    public void A_current_4x_release_is_accepted(string version) =>
        Assert.Empty(SpecValidator.Validate("demo", Specs.Valid(version: version)));

    [Fact]
    public void The_current_release_is_a_4x_one() => Assert.True(KafkaVersions.IsKafka4OrLater(KafkaVersions.Current));

    [Fact]
    public void A_version_the_operator_does_not_know_is_refused_naming_the_known_ones()
    {
        var error = Assert.Single(SpecValidator.Validate("demo", Specs.Valid(version: "4.2.0")));
        Assert.Equal("spec.version", error.Field);
        Assert.Contains("\"4.2.0\" is not supported", error.Message);
        Assert.Contains("3.9.1", error.Message);
        Assert.Contains("4.3.1", error.Message);
    }

    [Theory]
    [InlineData("zookeeper.connect", "ZooKeeper")]
    [InlineData("zookeeper.session.timeout.ms", "ZooKeeper")]
    [InlineData("log.message.format.version", "KIP-724")]
    [InlineData("log.message.timestamp.difference.max.ms", "log.message.timestamp.before.max.ms")]
    [InlineData("offsets.commit.required.acks", "removed in Kafka 4.0")]
    public void A_setting_removed_in_40_is_refused_on_4x_naming_the_field(string key, string why)
    {
        var error = Assert.Single(SpecValidator.Validate("demo", Specs.Valid(version: "4.3.1").WithBrokerConfig(key, "x")));
        Assert.Equal($"spec.brokers.config[\"{key}\"]", error.Field);
        Assert.Contains(why, error.Message);
        Assert.Contains("4.3.1", error.Message);
    }

    [Fact]
    public void The_same_setting_is_left_to_a_3x_cluster() =>
        Assert.Empty(SpecValidator.Validate("demo", Specs.Valid(version: "3.9.0").WithBrokerConfig("log.message.format.version", "3.0")));

    [Fact]
    public void Upgrading_from_39_to_4x_is_accepted_and_finalizes_the_4x_metadata_version_last()
    {
        var running = ClusterPlan.Applied(Specs.Valid(version: "3.9.0"), "3.9-IV0");
        Assert.Empty(SpecChangeValidator.Validate(running, Specs.Valid(version: "4.3.1")));
        Assert.Equal("4.3-IV0", KafkaVersions.MetadataVersionOf("4.3.1"));
        Assert.True(KafkaVersions.CompareMetadataVersions("4.3-IV0", "3.9-IV0") > 0);
        Assert.True(KafkaVersions.CompareMetadataVersions("4.1-IV1", "4.0-IV3") > 0);
    }

    [Fact]
    public void Going_back_below_a_finalized_4x_metadata_version_is_refused()
    {
        var running = ClusterPlan.Applied(Specs.Valid(version: "4.3.1"), "4.3-IV0");
        var error = Assert.Single(SpecChangeValidator.Validate(running, Specs.Valid(version: "4.1.1")));
        Assert.Equal("spec.version", error.Field);
        Assert.Contains("4.3-IV0", error.Message);
    }
}
