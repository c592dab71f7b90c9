using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Operations;
using k8s.Models;

namespace Actors.Silo.Tests.Operations;

public sealed class ClusterViewsTests
{
    private static KafkaCluster Cluster(
        string? operation = null, string? ready = null, string? readyReason = null, bool degraded = false, bool paused = false, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "demo", NamespaceProperty = "kafka", Generation = 2,
            Annotations = paused ? new Dictionary<string, string> { [KafkaAnnotations.PauseReconciliation] = "true" } : null,
            DeletionTimestamp = deleting ? DateTime.UnixEpoch : null,
        },
        Spec = new KafkaClusterSpec { Brokers = new NodePoolSpec { Replicas = 3 } },
        Status = new KafkaClusterStatus
        {
            Operation = operation is null ? null : new OperationStatus { Type = operation },
            Conditions =
            [
                .. ready is null ? [] : new[] { new ClusterCondition { Type = "Ready", Status = ready, Reason = readyReason } },
                .. degraded ? new[] { new ClusterCondition { Type = "Degraded", Status = "True" } } : [],
            ],
        },
    };

    [Theory]
    [InlineData("StartUp", "Creating")]
    [InlineData("ScaleOut", "Scaling")]
    [InlineData("ScaleIn", "Scaling")]
    [InlineData("Roll", "Rolling")]
    [InlineData("RaiseMetadataVersion", "Upgrading")]
    [InlineData("ShutDown", "ShuttingDown")]
    public void The_operation_in_flight_names_the_phase(string operation, string phase) =>
        Assert.Equal(phase, ClusterViews.From(Cluster(operation, ready: "True")).Phase);

    [Fact]
    public void A_ready_cluster_at_rest_is_running_and_a_fresh_one_is_pending()
    {
        Assert.Equal("Running", ClusterViews.From(Cluster(ready: "True")).Phase);
        Assert.Equal("Pending", ClusterViews.From(Cluster()).Phase);
        Assert.Equal("Degraded", ClusterViews.From(Cluster(ready: "False", degraded: true)).Phase);
    }

    [Fact]
    public void Deletion_pause_and_an_invalid_spec_outrank_the_operation()
    {
        Assert.Equal("Deleting", ClusterViews.From(Cluster("Roll", paused: true, deleting: true)).Phase);
        Assert.Equal("Paused", ClusterViews.From(Cluster("Roll", paused: true)).Phase);
        Assert.Equal("Failed", ClusterViews.From(Cluster("Roll", ready: "False", readyReason: KafkaConditionReasons.InvalidSpec)).Phase);
    }

    [Theory]
    [InlineData("2/6", 2, 6)]
    [InlineData(" 0 / 3 ", 0, 3)]
    [InlineData("two of six", 0, 0)]
    [InlineData(null, 0, 0)]
    public void Progress_reads_done_over_total(string? progress, int done, int total) =>
        Assert.Equal((done, total), ClusterViews.ParseProgress(progress));

    [Theory]
    [InlineData("demo-broker-0", true)]
    [InlineData("demo-controller-12", true)]
    [InlineData("demo-broker-x", false)]
    [InlineData("demo2-broker-0", false)]
    [InlineData("demo-tools", false)]
    [InlineData("demo-broker-0\n", false)]
    public void Node_pods_are_recognised_by_their_sticky_names(string pod, bool node) =>
        Assert.Equal(node, ClusterEvents.IsNodePod(pod, "demo"));
}
