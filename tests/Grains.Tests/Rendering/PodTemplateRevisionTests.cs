using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;

namespace Actors.Grains.Tests.Rendering;

public class PodTemplateRevisionTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");
    private const string ClusterId = "MkU3OEVBNTcwNTJENDM2Qk";

    private static string RevisionOf(KafkaClusterSpec spec, NodeKey key, IReadOnlyDictionary<string, string>? annotations = null) =>
        ClusterPlan.From(Cluster, spec, ClusterId, annotations).Templates[key].Revision;

    [Fact]
    public void The_same_spec_gives_the_same_revision() =>
        Assert.Equal(RevisionOf(Specs.Valid(), NodeKey.Broker(0)), RevisionOf(Specs.Valid(), NodeKey.Broker(0)));

    [Fact]
    public void A_revision_is_short_lower_case_hex()
    {
        var revision = RevisionOf(Specs.Valid(), NodeKey.Broker(0));
        Assert.Matches("^[0-9a-f]{10}$", revision);
    }

    [Fact]
    public void The_order_of_config_entries_does_not_change_the_revision()
    {
        var spec = Specs.Valid();
        var reordered = spec with
        {
            Brokers = spec.Brokers! with
            {
                Config = new() { ["default.replication.factor"] = "3", ["num.partitions"] = "6" },
                Resources = new ResourcesSpec
                {
                    Requests = new() { ["memory"] = "4Gi", ["cpu"] = "1" },
                    Limits = new() { ["memory"] = "4Gi" },
                },
            },
        };
        Assert.Equal(RevisionOf(spec, NodeKey.Broker(1)), RevisionOf(reordered, NodeKey.Broker(1)));
    }

    [Fact]
    public void The_order_of_tolerations_does_not_change_the_revision()
    {
        TolerationSpec a = new() { Key = "a", Operator = "Exists" }, b = new() { Key = "b", Value = "x", Effect = "NoSchedule" };
        var spec = Specs.Valid();
        Assert.Equal(
            RevisionOf(spec with { Brokers = spec.Brokers! with { Tolerations = [a, b] } }, NodeKey.Broker(0)),
            RevisionOf(spec with { Brokers = spec.Brokers! with { Tolerations = [b, a] } }, NodeKey.Broker(0)));
    }

    [Fact]
    public void A_config_change_changes_the_revision() =>
        Assert.NotEqual(RevisionOf(Specs.Valid(), NodeKey.Broker(0)),
            RevisionOf(Specs.Valid().WithBrokerConfig("num.partitions", "12"), NodeKey.Broker(0)));

    [Fact]
    public void A_broker_config_change_leaves_controllers_alone() =>
        Assert.Equal(RevisionOf(Specs.Valid(), NodeKey.Controller(0)),
            RevisionOf(Specs.Valid().WithBrokerConfig("num.partitions", "12"), NodeKey.Controller(0)));

    [Fact]
    public void A_new_version_changes_every_revision()
    {
        var before = ClusterPlan.From(Cluster, Specs.Valid(version: "3.9.0"), ClusterId).Desired.Revisions;
        var after = ClusterPlan.From(Cluster, Specs.Valid(version: "4.0.0"), ClusterId).Desired.Revisions;
        Assert.All(before, pair => Assert.NotEqual(pair.Value, after[pair.Key]));
    }

    [Fact]
    public void A_new_restart_at_value_changes_every_revision()
    {
        var before = ClusterPlan.From(Cluster, Specs.Valid(), ClusterId, new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = "1" }).Desired.Revisions;
        var after = ClusterPlan.From(Cluster, Specs.Valid(), ClusterId, new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = "2" }).Desired.Revisions;
        Assert.All(before, pair => Assert.NotEqual(pair.Value, after[pair.Key]));
    }

    [Fact]
    public void Growing_the_volume_does_not_restart_anything()
    {
        var spec = Specs.Valid();
        var bigger = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = "200Gi", StorageClassName = "fast" } } };
        Assert.Equal(RevisionOf(spec, NodeKey.Broker(0)), RevisionOf(bigger, NodeKey.Broker(0)));
    }

    [Fact]
    public void Scaling_brokers_out_leaves_existing_revisions_alone() =>
        Assert.Equal(RevisionOf(Specs.Valid(brokers: 3), NodeKey.Broker(2)), RevisionOf(Specs.Valid(brokers: 5), NodeKey.Broker(2)));

    [Fact]
    public void Each_node_has_its_own_revision()
    {
        var revisions = ClusterPlan.From(Cluster, Specs.Valid(), ClusterId).Desired.Revisions.Values;
        Assert.Equal(revisions.Count(), revisions.Distinct().Count());
    }

    [Fact]
    public void A_key_and_value_cannot_be_shifted_into_another_template()
    {
        var spec = Specs.Valid();
        var one = spec with { Brokers = spec.Brokers! with { Config = new() { ["a"] = "b=c" } } };
        var other = spec with { Brokers = spec.Brokers! with { Config = new() { ["a=b"] = "c" } } };
        Assert.NotEqual(RevisionOf(one, NodeKey.Broker(0)), RevisionOf(other, NodeKey.Broker(0)));
    }
}
