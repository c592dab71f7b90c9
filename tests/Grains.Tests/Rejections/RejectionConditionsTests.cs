using Actors.Contracts.Kafka;
using Actors.Grains.Rejections;
using Actors.Grains.Status;

namespace Actors.Grains.Tests.Rejections;

public class RejectionConditionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Rejection BudgetNotServed = new(new StepTarget("PodDisruptionBudget", "kafka", "demo", StepRole.DisruptionBudget),
        RejectionKind.NotServed, 404, "the server could not find the requested resource");

    private static readonly List<ClusterCondition> Healthy =
    [
        new() { Type = KafkaConditionTypes.Degraded, Status = ConditionStatus.False, Reason = KafkaConditionReasons.Healthy, Message = "No node is down unexpectedly." },
    ];

    [Fact]
    public void A_refused_budget_makes_the_cluster_degraded_naming_it_quoting_the_server_and_saying_it_is_unprotected()
    {
        var degraded = ConditionSet.Find(RejectionConditions.Apply(Healthy, 3, [BudgetNotServed], Now), KafkaConditionTypes.Degraded)!;

        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal("PodDisruptionBudgetNotServed", degraded.Reason);
        Assert.Contains("PodDisruptionBudget kafka/demo", degraded.Message);
        Assert.Contains("\"the server could not find the requested resource\"", degraded.Message);
        Assert.Contains("unprotected", degraded.Message);
        Assert.Equal(3, degraded.ObservedGeneration);
    }

    [Fact]
    public void Without_refusals_the_built_conditions_stand() =>
        Assert.Equal(Healthy, RejectionConditions.Apply(Healthy, 3, [], Now));

    [Fact]
    public void The_message_is_the_same_on_every_retry_so_the_status_is_not_rewritten() =>
        Assert.Equal(RejectionConditions.Message([BudgetNotServed]), RejectionConditions.Message([BudgetNotServed with { }]));
}
