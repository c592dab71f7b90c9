using Actors.Contracts.Kafka;
using Actors.Emulator.Faults;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Rejections;

/// <summary>
/// A write the API server refuses — a resource it does not serve, RBAC that does not allow it —
/// is reported, not hidden: Degraded names the object and quotes the server, one Warning Event
/// and one log line however often it is retried, retries spaced by a doubling back-off; and what
/// does not need the refused object goes on.
/// </summary>
public sealed class RejectedStepTests(ITestOutputHelper output)
{
    private const string BudgetName = "demo-nodes";

    public static TheoryData<int, string, string> BudgetRefusals => new()
    {
        { 404, "the server could not find the requested resource", "PodDisruptionBudgetNotServed" },
        {
            403, "poddisruptionbudgets.policy \"demo-nodes\" is forbidden: User \"system:serviceaccount:actors-system:actors-operator\" " +
                 "cannot patch resource \"poddisruptionbudgets\" in API group \"policy\"",
            "PodDisruptionBudgetForbidden"
        },
    };

    [Theory]
    [MemberData(nameof(BudgetRefusals))]
    public async Task A_refused_disruption_budget_does_not_stop_the_cluster_from_starting_and_is_retried_with_back_off(
        int code, string serverMessage, string reason)
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-pdb"), output);
        if (world.Api.Emulator is not { } emulator) return; // refusals are injected by the emulator
        var refusals = emulator.Faults.FailNext(int.MaxValue, code, new RequestMatch("patch", "poddisruptionbudgets", world.Namespace), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await world.Clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 2));
        var cluster = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the cluster is Ready");

        var degraded = Condition(cluster, KafkaConditionTypes.Degraded)!;
        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal(reason, degraded.Reason);
        Assert.Contains($"PodDisruptionBudget {world.Namespace}/{BudgetName}", degraded.Message);
        Assert.Contains($"\"{serverMessage}\"", degraded.Message);
        Assert.Contains("unprotected", degraded.Message);
        Assert.Equal(3, cluster.Status!.ReadyBrokers + cluster.Status.ReadyControllers);
        Assert.Null(await world.Api.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(BudgetName, world.Namespace).OrNullWhenMissing());
        Assert.Equal(1, Attempts()); // every start-up pass after the first waited out the back-off

        // Over simulated time the retries come 10, 20, 40, then (capped) 40 minutes apart.
        foreach (var (minutes, attempts) in new[] { (10, 2), (20, 3), (40, 4), (40, 5) })
        {
            world.Clock.Advance(TimeSpan.FromMinutes(minutes - 1));
            await world.ReconcileAsync();
            Assert.Equal(attempts - 1, Attempts());
            world.Clock.Advance(TimeSpan.FromMinutes(1));
            await world.ReconcileAsync();
            Assert.Equal(attempts, Attempts());
        }

        var warning = Assert.Single(await world.WarningsAsync(reason));
        Assert.Equal(1, warning.Count);
        Assert.Contains($"PodDisruptionBudget {world.Namespace}/{BudgetName}", warning.Message);
        var line = Assert.Single(world.Log.Warnings, l => l.Text.Contains("PodDisruptionBudget"));
        Assert.Null(line.Exception);

        // Once the server accepts it, the budget is written at the next try and Degraded clears.
        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Cap);
        await world.ReconcileAsync();
        Assert.NotNull(await world.Api.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(BudgetName, world.Namespace).OrNullWhenMissing());
        await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Degraded)?.Status == ConditionStatus.False, "Degraded is False again");
    }

    [Fact]
    public async Task A_refused_pod_holds_start_up_with_back_off_and_says_which_pod_until_the_server_accepts_it()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-pod"), output);
        if (world.Api.Emulator is not { } emulator) return;
        const string serverMessage = "pods \"demo-controller-0\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=10, limited: pods=10";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 403, new RequestMatch("create", "pods", world.Namespace), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await world.Clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        var cluster = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Degraded)?.Status == ConditionStatus.True, "Degraded is True");

        var degraded = Condition(cluster, KafkaConditionTypes.Degraded)!;
        Assert.Equal("PodForbidden", degraded.Reason);
        Assert.Contains($"Pod {world.Namespace}/demo-controller-0", degraded.Message);
        Assert.Contains($"\"{serverMessage}\"", degraded.Message);
        Assert.NotEqual(ConditionStatus.True, Condition(cluster, KafkaConditionTypes.Ready)?.Status);
        await world.ReconcileAsync();
        Assert.Equal(1, Attempts());
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items);

        world.Clock.Advance(RejectingApi.Backoff.Initial);
        await world.ReconcileAsync();
        Assert.Equal(2, Attempts());
        Assert.Equal(1, Assert.Single(await world.WarningsAsync("PodForbidden")).Count);

        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Initial * 2);
        await world.ReconcileAsync();
        await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                                         && Condition(c, KafkaConditionTypes.Degraded)?.Status == ConditionStatus.False, "the cluster is Ready and not Degraded");
    }

    [Fact]
    public async Task A_refused_pod_deletion_holds_the_ordered_shut_down_with_back_off_and_the_cluster_goes_once_it_is_allowed()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-stop"), output);
        if (world.Api.Emulator is not { } emulator) return;
        await world.Clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the cluster is Ready");
        const string serverMessage = "pods \"demo-broker-0\" is forbidden: User \"system:serviceaccount:actors-system:actors-operator\" cannot delete resource \"pods\"";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 403, new RequestMatch("delete", "pods", world.Namespace), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await world.Clusters.DeleteAsync(Specs.ClusterName, world.Namespace);
        var held = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Degraded)?.Reason == "PodForbidden", "Degraded names the refused pod");

        Assert.Contains($"Pod {world.Namespace}/demo-broker-0", Condition(held, KafkaConditionTypes.Degraded)!.Message);
        await world.ReconcileAsync();
        Assert.Equal(1, Attempts());
        Assert.Equal(2, (await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items.Count);

        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Initial);
        await world.ReconcileAsync();
        await Eventually.UntilAsync(async () => await world.Clusters.TryGetAsync(Specs.ClusterName, world.Namespace) is null,
            "the KafkaCluster is gone (finalizer released)");
    }

    private static ClusterCondition? Condition(KafkaCluster cluster, string type) => ConditionSet.Find(cluster.Status?.Conditions, type);

    private static Task<KafkaCluster> WaitUntilAsync(RejectingApi world, Func<KafkaCluster, bool> condition, string expectation) =>
        Eventually.UntilAsync(async () =>
            await world.Clusters.GetAsync(Specs.ClusterName, world.Namespace) is var cluster && condition(cluster) ? cluster : null,
            expectation);
}
