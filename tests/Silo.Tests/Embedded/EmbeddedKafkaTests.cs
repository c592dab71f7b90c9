using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.Grains.Identity;
using Actors.Kafka.Peer.Model;
using Actors.Kubernetes;
using Actors.Silo.Embedded;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Embedded;

/// <summary>
/// Embedded mode's Kafka follows the pods the simulated kubelet runs: the emulator and a kubelet
/// on the system clock run the sample cluster's pods (created here by hand, no operator), and the
/// Kafka model catches up on a manual clock, so "Ready but not yet in sync" is a state the test
/// holds for as long as it looks.
/// </summary>
public sealed class EmbeddedKafkaTests : IAsyncLifetime
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] BrokerPods = ["demo-broker-0", "demo-broker-1", "demo-broker-2"];
    private static readonly string[] ControllerPods = ["demo-controller-0", "demo-controller-1", "demo-controller-2"];

    private readonly string scratch = Directory.CreateTempSubdirectory("embedded-kafka-").FullName;
    private readonly FakeTimeProvider kafkaClock = new(TestTime.Start);
    private KubernetesEmulator emulator = null!;
    private SimulatedKubelet kubelet = null!;
    private EmbeddedKafka kafka = null!;
    private k8s.Kubernetes client = null!;

    private string Namespace => kafka.Cluster.Namespace;

    public async Task InitializeAsync()
    {
        emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions { KubeconfigPath = Path.Combine(scratch, "kubeconfig") });
        kubelet = await emulator.StartKubeletAsync(new KubeletOptions
        {
            StartDelay = TimeSpan.FromMilliseconds(100), ReadyDelay = TimeSpan.FromMilliseconds(100), ShutdownTime = TimeSpan.FromMilliseconds(100),
        });
        var sample = SampleCluster.Cluster;
        kafka = EmbeddedKafka.Start(new ClusterIdentity(sample.Metadata.NamespaceProperty, sample.Metadata.Name), sample.Spec!, kubelet, CatchUp, kafkaClock);
        client = KubernetesClients.Create(Kubeconfig.Load([emulator.KubeconfigPath]).Configuration);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await kubelet.DisposeAsync();
        await kafka.DisposeAsync();
        await emulator.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public void Before_any_pod_runs_no_broker_is_listed_and_no_voter_is_caught_up()
    {
        var state = kafka.Model.State;

        Assert.Empty(state.LiveBrokers);
        Assert.All(state.Quorum.Voters, v => Assert.False(v.IsCaughtUp));
        Assert.Equal(["clicks", "orders", "payments"], state.Topics.Select(t => t.Name));
        Assert.All(state.Topics.SelectMany(t => t.Partitions), p => Assert.Equal(3, p.Replicas.Count));
    }

    [Fact]
    public async Task A_deleted_broker_pod_takes_the_broker_out_of_every_ISR_and_it_rejoins_only_the_catch_up_time_after_its_new_pod_is_Ready()
    {
        await RunAllPodsInSyncAsync();

        await client.CoreV1.DeleteNamespacedPodAsync("demo-broker-1", Namespace);
        await Eventually.UntilAsync(() => kafka.Model.State.Broker(1)!.IsUp == false, "broker 1 is down in Kafka", Patience);
        await Eventually.UntilAsync(async () => await PodAsync("demo-broker-1") is null, "the kubelet removed pod demo-broker-1", Patience);

        var down = kafka.Model.State;
        Assert.DoesNotContain(1, down.LiveBrokers.Select(b => b.NodeId));
        Assert.All(Partitions(down), p => Assert.Equal(p.Replicas.Where(id => id != 1), p.Isr));
        Assert.All(Partitions(down), p => Assert.NotEqual(1, p.Leader));

        await CreatePodAsync("demo-broker-1");
        await Eventually.UntilAsync(() => kafka.Model.State.Broker(1)!.IsUp, "broker 1 is listed again once its pod is Ready", Patience);
        var ready = kafka.Model.State;
        Assert.Contains(1, ready.LiveBrokers.Select(b => b.NodeId));
        Assert.All(Partitions(ready), p => Assert.DoesNotContain(1, p.Isr));

        kafkaClock.Advance(CatchUp - TimeSpan.FromMilliseconds(1));
        Assert.All(Partitions(kafka.Model.State), p => Assert.DoesNotContain(1, p.Isr));
        kafkaClock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.All(Partitions(kafka.Model.State), p => Assert.Equal(p.Replicas, p.Isr));
    }

    [Fact]
    public async Task A_deleted_controller_pod_falls_behind_the_quorum_its_leadership_moves_and_it_catches_up_after_its_new_pod_is_Ready()
    {
        await RunAllPodsInSyncAsync();
        var leader = kafka.Model.State.Quorum.LeaderId;
        var pod = $"demo-controller-{leader - NodeIdentity.ControllerNodeIdBase}";

        await client.CoreV1.DeleteNamespacedPodAsync(pod, Namespace);
        await Eventually.UntilAsync(() => !kafka.Model.State.Quorum.RequireVoter(leader).IsCaughtUp, $"voter {leader} falls behind", Patience);
        var quorum = kafka.Model.State.Quorum;
        Assert.NotEqual(leader, quorum.LeaderId);
        Assert.True(quorum.RequireVoter(quorum.LeaderId).IsCaughtUp);
        await Eventually.UntilAsync(async () => await PodAsync(pod) is null, $"the kubelet removed pod {pod}", Patience);

        await CreatePodAsync(pod);
        await UntilReadyAsync(pod);
        Assert.False(kafka.Model.State.Quorum.RequireVoter(leader).IsCaughtUp);
        kafkaClock.Advance(CatchUp);
        Assert.True(kafka.Model.State.Quorum.RequireVoter(leader).IsCaughtUp);
    }

    [Fact]
    public async Task A_broker_pod_beyond_the_first_ones_registers_a_new_broker_holding_no_replicas()
    {
        await RunAllPodsInSyncAsync();

        await CreatePodAsync("demo-broker-3");
        await Eventually.UntilAsync(() => kafka.Model.State.Broker(3) is { IsUp: true }, "broker 3 is listed once its pod is Ready", Patience);

        var state = kafka.Model.State;
        Assert.Equal([0, 1, 2, 3], state.LiveBrokers.Select(b => b.NodeId));
        Assert.All(Partitions(state), p => Assert.DoesNotContain(3, p.Replicas));
        Assert.Contains(3, state.Quorum.Observers);
    }

    /// <summary>Every node's pod Ready and caught up: the cluster a roll starts from.</summary>
    private async Task RunAllPodsInSyncAsync()
    {
        foreach (var name in ControllerPods.Concat(BrokerPods)) await CreatePodAsync(name);
        await Eventually.UntilAsync(() => kafka.Model.State.LiveBrokers.Count == BrokerPods.Length, "every broker is listed", Patience);
        foreach (var name in ControllerPods) await UntilReadyAsync(name);
        kafkaClock.Advance(CatchUp);

        var state = kafka.Model.State;
        Assert.All(Partitions(state), p => Assert.Equal(p.Replicas, p.Isr));
        Assert.All(state.Quorum.Voters, v => Assert.True(v.IsCaughtUp));
        Assert.NotEqual(QuorumState.NoLeader, state.Quorum.LeaderId);
    }

    /// <summary>The pod is Ready and the kubelet's step that made it so (and told Kafka) has ended.</summary>
    private async Task UntilReadyAsync(string name)
    {
        await Eventually.UntilAsync(async () => await PodAsync(name) is { } p && IsReady(p), $"pod {name} is Ready", Patience);
        await kubelet.WhenIdleAsync();
    }

    private Task<V1Pod> CreatePodAsync(string name) => client.CoreV1.CreateNamespacedPodAsync(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "kafka", Image = "apache/kafka:4.3.1" }] },
    }, Namespace);

    private async Task<V1Pod?> PodAsync(string name)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedPodAsync(name, Namespace);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            return null;
        }
    }

    private static bool IsReady(V1Pod pod) => PodConditions.IsTrue(pod.Status, PodConditions.Ready);

    private static IEnumerable<PeerPartition> Partitions(ClusterState state) => state.Topics.SelectMany(t => t.Partitions);
}
