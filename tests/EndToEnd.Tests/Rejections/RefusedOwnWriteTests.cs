using Actors.Contracts.Kafka;
using Actors.Emulator.Faults;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.Status;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Rejections;

/// <summary>
/// The operator's writes to the KafkaCluster itself — its finalizer, its cluster id, its status —
/// refused by the API server are reported like any refused step: one Warning Event naming the
/// write and quoting the server, one log line, retries spaced by a doubling back-off; nothing is
/// created before the finalizer and the cluster id are in place.
/// </summary>
public sealed class RefusedOwnWriteTests(ITestOutputHelper output)
{
    private const string Operator = "system:serviceaccount:actors-system:actors-operator";

    [Fact]
    public async Task A_forbidden_status_write_is_one_Warning_Event_retried_with_back_off_and_the_status_appears_once_it_is_allowed()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-status"), output);
        if (world.Api.Emulator is not { } emulator) return; // refusals are injected by the emulator
        var serverMessage = $"kafkaclusters.kafka.actors.dev \"{Specs.ClusterName}\" is forbidden: User \"{Operator}\" cannot update resource " +
                            $"\"kafkaclusters/status\" in API group \"kafka.actors.dev\" in the namespace \"{world.Namespace}\"";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 403,
            new RequestMatch("update", "kafkaclusters", world.Namespace, Specs.ClusterName, Subresource: "status"), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await world.Clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        var warning = await Eventually.UntilAsync(async () => await WarningsAsync(world) is [var only] ? only : null, "a Warning Event");

        Assert.Equal("ClusterIdForbidden", warning.Reason);
        Assert.Contains($"status of KafkaCluster {world.Namespace}/{Specs.ClusterName}", warning.Message);
        Assert.Contains($"\"{serverMessage}\"", warning.Message);
        Assert.Contains("cannot write status", warning.Message);
        Assert.Contains("RBAC?", warning.Message);
        await world.ReconcileAsync();
        Assert.Equal(1, Attempts());
        Assert.Null((await world.Clusters.GetAsync(Specs.ClusterName, world.Namespace)).Status);
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items);

        await AssertRetriesBackOffAsync(world, Attempts);

        Assert.Equal(1, Assert.Single(await WarningsAsync(world)).Count);
        var line = Assert.Single(world.Log.Warnings, l => l.Text.Contains("status of KafkaCluster"));
        Assert.Null(line.Exception);
        Assert.DoesNotContain(world.Log.Warnings, l => l.Text.StartsWith("Reconcile of", StringComparison.Ordinal));

        // Once RBAC allows it, the next try writes the cluster id and the cluster starts.
        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Cap);
        await world.ReconcileAsync();
        var started = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the cluster is Ready");
        Assert.NotNull(started.Status!.ClusterId);
        Assert.NotEqual(ConditionStatus.True, Condition(started, KafkaConditionTypes.Degraded)?.Status);
    }

    [Fact]
    public async Task A_status_write_forbidden_on_a_running_cluster_is_one_Warning_Event_while_the_nodes_proceed_and_the_status_catches_up_once_allowed()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-status-later"), output);
        if (world.Api.Emulator is not { } emulator) return;
        var clusters = world.Clusters;
        await clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the cluster is Ready");
        var serverMessage = $"kafkaclusters.kafka.actors.dev \"{Specs.ClusterName}\" is forbidden: User \"{Operator}\" cannot update resource " +
                            $"\"kafkaclusters/status\" in API group \"kafka.actors.dev\" in the namespace \"{world.Namespace}\"";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 403,
            new RequestMatch("update", "kafkaclusters", world.Namespace, Specs.ClusterName, Subresource: "status"), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await clusters.UpdateAsync(Specs.ClusterName, world.Namespace, c =>
            c.Spec = c.Spec! with { Brokers = c.Spec.Brokers! with { Replicas = 2 } });
        var warning = await Eventually.UntilAsync(async () => await WarningsAsync(world) is [var only] ? only : null, "a Warning Event");
        await Eventually.UntilAsync(async () => (await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items
            .Any(p => p.Metadata.Name == "demo-broker-1"), "the scale-out proceeds without the status");

        Assert.Equal("StatusForbidden", warning.Reason);
        Assert.Contains($"the status of KafkaCluster {world.Namespace}/{Specs.ClusterName}", warning.Message);
        Assert.Contains($"\"{serverMessage}\"", warning.Message);
        Assert.Contains("cannot write status", warning.Message);
        await AssertFirstRetryWaitsForTheBackOffAsync(world, Attempts);
        Assert.Equal(1, Assert.Single(await WarningsAsync(world)).Count);
        Assert.Single(world.Log.Warnings, l => l.Text.Contains("status of KafkaCluster"));

        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Cap);
        await world.ReconcileAsync();
        var caughtUp = await WaitUntilAsync(world, c => c.Status?.ReadyBrokers == 2
                                                        && Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the status shows both brokers");
        Assert.NotEqual(ConditionStatus.True, Condition(caughtUp, KafkaConditionTypes.Degraded)?.Status);
    }

    [Fact]
    public async Task A_refused_finalizer_creates_nothing_is_one_Warning_Event_retried_with_back_off_and_the_cluster_starts_once_it_is_allowed()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-finalizer"), output);
        if (world.Api.Emulator is not { } emulator) return;
        var serverMessage = $"kafkaclusters.kafka.actors.dev \"{Specs.ClusterName}\" is forbidden: User \"{Operator}\" cannot update resource " +
                            $"\"kafkaclusters\" in API group \"kafka.actors.dev\" in the namespace \"{world.Namespace}\"";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 403,
            new RequestMatch("update", "kafkaclusters", world.Namespace, Specs.ClusterName, RequestMatch.ObjectItself), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await world.Clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        var held = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Degraded)?.Status == ConditionStatus.True, "Degraded is True");

        // The status can still be written, so Degraded says what is refused.
        var degraded = Condition(held, KafkaConditionTypes.Degraded)!;
        Assert.Equal("FinalizerForbidden", degraded.Reason);
        Assert.Contains($"finalizer of KafkaCluster {world.Namespace}/{Specs.ClusterName}", degraded.Message);
        Assert.Contains($"\"{serverMessage}\"", degraded.Message);
        await world.ReconcileAsync();
        Assert.Equal(1, Attempts());
        await AssertNothingCreatedAsync(world);

        await AssertRetriesBackOffAsync(world, Attempts);

        var warning = Assert.Single(await WarningsAsync(world));
        Assert.Equal("FinalizerForbidden", warning.Reason);
        Assert.Equal(1, warning.Count);
        Assert.Contains($"finalizer of KafkaCluster {world.Namespace}/{Specs.ClusterName}", warning.Message);
        var line = Assert.Single(world.Log.Warnings, l => l.Text.Contains("finalizer of KafkaCluster"));
        Assert.Null(line.Exception);
        Assert.DoesNotContain(world.Log.Warnings, l => l.Text.StartsWith("Reconcile of", StringComparison.Ordinal));
        await AssertNothingCreatedAsync(world);

        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Cap);
        await world.ReconcileAsync();
        var started = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                                                       && Condition(c, KafkaConditionTypes.Degraded)?.Status == ConditionStatus.False,
            "the cluster is Ready and not Degraded");
        Assert.Contains(KafkaClusterResource.Finalizer, started.Metadata.Finalizers ?? []);
    }

    [Fact]
    public async Task A_refused_finalizer_release_keeps_the_stopped_cluster_with_one_Warning_Event_and_lets_it_go_once_allowed()
    {
        await using var world = await RejectingApi.StartAsync(await ApiUnderTest.StartAsync("refused-release"), output);
        if (world.Api.Emulator is not { } emulator) return;
        var clusters = world.Clusters;
        await clusters.CreateAsync(Specs.Cluster(world.Namespace, controllers: 1, brokers: 1));
        await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True, "the cluster is Ready");
        const string serverMessage = "admission webhook \"finalizers.example.com\" denied the request: finalizers may not be removed";
        var refusals = emulator.Faults.FailNext(int.MaxValue, 422,
            new RequestMatch("update", "kafkaclusters", world.Namespace, Specs.ClusterName, RequestMatch.ObjectItself), serverMessage);
        int Attempts() => int.MaxValue - refusals.Remaining;

        await clusters.DeleteAsync(Specs.ClusterName, world.Namespace);
        var held = await WaitUntilAsync(world, c => Condition(c, KafkaConditionTypes.Degraded)?.Reason == "FinalizerInvalid", "Degraded names the finalizer");

        Assert.Contains($"\"{serverMessage}\"", Condition(held, KafkaConditionTypes.Degraded)!.Message);
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items);
        await AssertFirstRetryWaitsForTheBackOffAsync(world, Attempts);
        Assert.Equal(1, Assert.Single(await WarningsAsync(world)).Count);

        emulator.Faults.Clear();
        world.Clock.Advance(RejectingApi.Backoff.Cap);
        await world.ReconcileAsync();
        await Eventually.UntilAsync(async () => await clusters.TryGetAsync(Specs.ClusterName, world.Namespace) is null, "the KafkaCluster is gone");
    }

    /// <summary>No second attempt before the first back-off has passed, one right after it.</summary>
    private static async Task AssertFirstRetryWaitsForTheBackOffAsync(RejectingApi world, Func<int> attempts)
    {
        await world.ReconcileAsync();
        Assert.Equal(1, attempts());
        world.Clock.Advance(RejectingApi.Backoff.Initial - TimeSpan.FromMinutes(1));
        await world.ReconcileAsync();
        Assert.Equal(1, attempts());
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.ReconcileAsync();
        Assert.Equal(2, attempts());
    }

    /// <summary>Over simulated time the retries come 10, 20, then (capped) 40 minutes apart, never sooner.</summary>
    private static async Task AssertRetriesBackOffAsync(RejectingApi world, Func<int> attempts)
    {
        foreach (var (minutes, expected) in new[] { (10, 2), (20, 3), (40, 4), (40, 5) })
        {
            world.Clock.Advance(TimeSpan.FromMinutes(minutes - 1));
            await world.ReconcileAsync();
            Assert.Equal(expected - 1, attempts());
            world.Clock.Advance(TimeSpan.FromMinutes(1));
            await world.ReconcileAsync();
            Assert.Equal(expected, attempts());
        }
    }

    private static async Task AssertNothingCreatedAsync(RejectingApi world)
    {
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedPodAsync(world.Namespace)).Items);
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(world.Namespace)).Items);
        Assert.Empty((await world.Api.Client.CoreV1.ListNamespacedServiceAsync(world.Namespace)).Items);
        Assert.Null((await world.Clusters.GetAsync(Specs.ClusterName, world.Namespace)).Status?.ClusterId);
    }

    private static async Task<IReadOnlyList<Corev1Event>> WarningsAsync(RejectingApi world) =>
        [.. (await world.Api.Client.CoreV1.ListNamespacedEventAsync(world.Namespace)).Items.Where(e => e.Type == "Warning")];

    private static ClusterCondition? Condition(KafkaCluster cluster, string type) => ConditionSet.Find(cluster.Status?.Conditions, type);

    private static Task<KafkaCluster> WaitUntilAsync(RejectingApi world, Func<KafkaCluster, bool> condition, string expectation) =>
        Eventually.UntilAsync(async () =>
            await world.Clusters.GetAsync(Specs.ClusterName, world.Namespace) is var cluster && condition(cluster) ? cluster : null,
            expectation);
}
