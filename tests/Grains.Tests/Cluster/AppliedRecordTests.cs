using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using k8s.Models;

namespace Actors.Grains.Tests.Cluster;

/// <summary>
/// The cluster grain judges a spec only against the record it wrote itself: a status that came
/// with the create (or from anywhere but the operator) cannot make it refuse a new cluster.
/// </summary>
public class AppliedRecordTests
{
    private const string Uid = "6a1f0c9e-2d3b-4c5d-8e7f-0123456789ab";

    private static KafkaCluster Cluster(KafkaClusterSpec spec, KafkaClusterStatus? status, string uid = Uid) => new()
    {
        Metadata = new V1ObjectMeta { Name = "demo", NamespaceProperty = "kafka", Uid = uid, Generation = 1 },
        Spec = spec,
        Status = status,
    };

    private static KafkaClusterStatus Forged => new() { Applied = new AppliedSpec { ControllerReplicas = 5 } };

    [Fact]
    public void A_cluster_created_with_a_forged_applied_status_is_accepted()
    {
        // The campaign's case: status {applied: {controllerReplicas: 5}} sent with a 3-controller cluster.
        var created = Cluster(Specs.Valid(controllers: 3), Forged);

        Assert.Empty(SpecValidator.Admit("demo", created));
        Assert.Null(AppliedRecord.Of(created));
    }

    [Fact]
    public void A_forged_record_cannot_block_a_downgrade_shrink_or_class_change_either()
    {
        var forged = new KafkaClusterStatus
        {
            Applied = new AppliedSpec
            {
                MetadataVersion = "4.0-IV3",
                BrokerStorage = new StorageSpec { Size = "1Ti", StorageClassName = "other" },
                ControllerReplicas = 1,
            },
        };

        Assert.Empty(SpecValidator.Admit("demo", Cluster(Specs.Valid(version: "3.9.0"), forged)));
    }

    [Fact]
    public void A_record_marked_for_another_object_is_not_trusted()
    {
        // e.g. restored from a backup of a cluster that was deleted and created again.
        var status = new KafkaClusterStatus { Applied = ClusterPlan.Applied(Specs.Valid(controllers: 5), "3.9-IV0") with { Uid = "an-older-uid" } };

        Assert.Empty(SpecValidator.Admit("demo", Cluster(Specs.Valid(controllers: 3), status)));
    }

    [Fact]
    public void The_record_the_operator_wrote_still_refuses_changing_the_controller_count()
    {
        var running = Cluster(Specs.Valid(controllers: 5), status: null);
        var written = new KafkaClusterStatus { Applied = AppliedRecord.Stamp(ClusterPlan.Applied(Specs.Valid(controllers: 5), "3.9-IV0"), running) };

        var error = Assert.Single(SpecValidator.Admit("demo", Cluster(Specs.Valid(controllers: 3), written)));

        Assert.Equal("spec.controllers.replicas", error.Field);
        Assert.Contains("5 → 3", error.Message);
    }

    [Fact]
    public void A_stamped_record_carries_the_uid_of_the_object_it_describes()
    {
        var stamped = AppliedRecord.Stamp(new AppliedSpec { ControllerReplicas = 3 }, Cluster(Specs.Valid(), status: null));

        Assert.Equal(Uid, stamped.Uid);
        Assert.Same(stamped, AppliedRecord.Of(Cluster(Specs.Valid(), new KafkaClusterStatus { Applied = stamped })));
    }

    [Fact]
    public void An_object_without_a_uid_trusts_no_record()
    {
        var unmarked = new KafkaClusterStatus { Applied = new AppliedSpec { ControllerReplicas = 5, Uid = "" } };

        Assert.Null(AppliedRecord.Of(Cluster(Specs.Valid(), unmarked, uid: "")));
    }
}
