using Actors.Grains.Rejections;

namespace Actors.Grains.Tests.Rejections;

public class StepDependenciesTests
{
    [Fact]
    public void The_nodes_start_without_a_disruption_budget_and_the_status_says_they_are_unprotected()
    {
        Assert.True(StepDependencies.NodesMayProceedWithout(StepRole.DisruptionBudget));
        Assert.Contains("unprotected", StepDependencies.Consequence(StepRole.DisruptionBudget));
    }

    [Fact]
    public void The_nodes_start_without_the_bootstrap_service() =>
        Assert.True(StepDependencies.NodesMayProceedWithout(StepRole.BootstrapService));

    [Theory]
    [InlineData(StepRole.HeadlessService)]
    [InlineData(StepRole.NodeObject)]
    public void The_nodes_wait_for_what_they_need(StepRole role)
    {
        Assert.False(StepDependencies.NodesMayProceedWithout(role));
        Assert.Contains("wait", StepDependencies.Consequence(role));
    }
}
