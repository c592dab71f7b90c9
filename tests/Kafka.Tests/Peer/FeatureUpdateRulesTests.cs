using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Peer;

public class FeatureUpdateRulesTests
{
    private static readonly ClusterState At38 = ClusterState.Healthy(3, 3, MetadataVersion.V3_8_IV0, MetadataVersion.V3_9_IV0);

    private static (ClusterState Next, UpdateFeaturesResponse Response) Apply(params FeatureUpdate[] updates) =>
        FeatureUpdateRules.Apply(At38, new UpdateFeaturesRequest(updates));

    [Fact]
    public void A_supported_upgrade_is_finalized_and_bumps_the_epoch()
    {
        var (next, response) = Apply(new FeatureUpdate(MetadataVersion.FeatureName, 21));

        Assert.Equal(21, next.MetadataVersionLevel);
        Assert.Equal(At38.FinalizedFeaturesEpoch + 1, next.FinalizedFeaturesEpoch);
        Assert.Equal(KafkaError.None, Assert.Single(response.Results).Error);
    }

    [Fact]
    public void The_same_level_again_changes_nothing()
    {
        var (next, response) = Apply(new FeatureUpdate(MetadataVersion.FeatureName, 20));

        Assert.Same(At38, next);
        Assert.Equal(KafkaError.None, Assert.Single(response.Results).Error);
    }

    [Theory]
    [InlineData(2, UpgradeType.SafeDowngrade)]
    [InlineData(19, UpgradeType.UnsafeDowngrade)]
    public void A_downgrade_with_a_downgrade_type_is_allowed(short level, UpgradeType type)
    {
        var (next, _) = Apply(new FeatureUpdate(MetadataVersion.FeatureName, level, type));

        Assert.Equal(level, next.MetadataVersionLevel);
    }

    [Theory]
    [InlineData("metadata.version", 19, UpgradeType.Upgrade, "downgrade")]
    [InlineData("metadata.version", 21, UpgradeType.SafeDowngrade, "newer version")]
    [InlineData("metadata.version", 25, UpgradeType.Upgrade, "Node(s) 0, 1, 2, 3, 4, 5")]
    [InlineData("metadata.version", 0, UpgradeType.UnsafeDowngrade, "below 1")]
    [InlineData("metadata.version", 21, (UpgradeType)9, "upgrade type")]
    [InlineData("kraft.version", 1, UpgradeType.Upgrade, "feature")]
    public void A_refused_update_is_invalid_update_version_and_changes_nothing(string feature, short level, UpgradeType type, string reason)
    {
        var (next, response) = Apply(new FeatureUpdate(feature, level, type));

        Assert.Same(At38, next);
        var result = Assert.Single(response.Results);
        Assert.Equal(KafkaError.InvalidUpdateVersion, result.Error);
        Assert.Contains(reason, result.ErrorMessage);
    }

    [Fact]
    public void Validate_only_answers_as_if_applied_but_keeps_the_state()
    {
        var (next, response) = FeatureUpdateRules.Apply(At38,
            new UpdateFeaturesRequest([new FeatureUpdate(MetadataVersion.FeatureName, 21)], ValidateOnly: true));

        Assert.Same(At38, next);
        Assert.Equal(KafkaError.None, Assert.Single(response.Results).Error);
    }

    [Fact]
    public void A_feature_named_twice_is_an_invalid_request()
    {
        var (next, response) = Apply(new FeatureUpdate(MetadataVersion.FeatureName, 21), new FeatureUpdate(MetadataVersion.FeatureName, 20));

        Assert.Same(At38, next);
        Assert.Equal(KafkaError.InvalidRequest, response.Error);
    }

    [Fact]
    public void Every_known_metadata_version_is_unique_by_name_and_level()
    {
        Assert.Equal(MetadataVersion.Known.Count, MetadataVersion.Known.Select(v => v.Level).Distinct().Count());
        Assert.Equal(MetadataVersion.V3_9_IV0, MetadataVersion.FromLevel(21));
        Assert.Equal(MetadataVersion.V4_3_IV0, MetadataVersion.FromName("4.3-IV0"));
    }
}
