using Actors.Contracts.Kafka;
using Actors.Grains.Rejections;
using Actors.Grains.Status;

namespace Actors.Grains.Tests.Rejections;

public class OwnWriteRejectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Forbidden = "kafkaclusters.kafka.actors.dev \"demo\" is forbidden";

    private static Rejection Refused(StepRole role) => new(StepTarget.OwnWrite("kafka", "demo", role), RejectionKind.Forbidden, 403, Forbidden);

    [Theory]
    [InlineData(StepRole.Finalizer, "FinalizerForbidden", "the finalizer of KafkaCluster kafka/demo")]
    [InlineData(StepRole.ClusterId, "ClusterIdForbidden", "the KRaft cluster id in the status of KafkaCluster kafka/demo")]
    [InlineData(StepRole.Status, "StatusForbidden", "the status of KafkaCluster kafka/demo")]
    public void A_refused_write_to_the_cluster_itself_names_the_write_not_just_the_object(StepRole role, string reason, string named)
    {
        var rejection = Refused(role);

        Assert.Equal(reason, rejection.Reason);
        Assert.StartsWith($"{named} was rejected by the API server (403): \"{Forbidden}\"", rejection.Describe());
    }

    [Theory]
    [InlineData(StepRole.ClusterId)]
    [InlineData(StepRole.Status)]
    public void A_refused_status_write_says_the_Event_and_the_log_are_the_only_signal(StepRole role)
    {
        var message = RejectionConditions.Message([Refused(role)]);

        Assert.Contains("cannot write status (RBAC?", message);
        Assert.Contains("only signal", message);
    }

    [Fact]
    public void A_refused_finalizer_makes_the_cluster_degraded_saying_nothing_is_created()
    {
        var degraded = ConditionSet.Find(RejectionConditions.Apply([], 1, [Refused(StepRole.Finalizer)], Now), KafkaConditionTypes.Degraded)!;

        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal("FinalizerForbidden", degraded.Reason);
        Assert.Contains("nothing is created until it is in place", degraded.Message);
    }

    [Theory]
    [InlineData(StepRole.ClusterId)]
    [InlineData(StepRole.Status)]
    public void A_status_that_is_written_does_not_report_its_own_write_as_refused(StepRole role) =>
        Assert.Empty(RejectionConditions.Apply([], 1, [Refused(role)], Now));

    [Fact]
    public void The_nodes_proceed_without_a_status_write_but_not_without_the_finalizer_or_the_cluster_id()
    {
        Assert.True(StepDependencies.NodesMayProceedWithout(StepRole.Status));
        Assert.False(StepDependencies.NodesMayProceedWithout(StepRole.Finalizer));
        Assert.False(StepDependencies.NodesMayProceedWithout(StepRole.ClusterId));
    }
}
