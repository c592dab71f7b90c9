using System.Text.Json.Nodes;
using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Hosting;
using Actors.Silo.Operations;
using Actors.Silo.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Operations;

/// <summary>The APIs' operations against the emulator with the real CRD installed.</summary>
public sealed class KubernetesClusterOperationsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero));
    private EmulatedCluster cluster = null!;
    private k8s.Kubernetes client = null!;
    private KubernetesClusterOperations operations = null!;

    private KafkaClusters Clusters => new(client);

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync("kafka", "team-b");
        client = cluster.Client();
        await new CustomResourceInstaller(client).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        operations = new KubernetesClusterOperations(client, clock);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Get_shows_spec_and_status_as_one_view()
    {
        await CreateAsync("kafka", "demo");
        await PatchStatusAsync("kafka", "demo", Status(readyBrokers: 2, operation: ("Roll", "2/6")));

        var view = await operations.GetClusterAsync("kafka", "demo", CancellationToken.None);

        Assert.Equal(("kafka", "demo", 3, 3, 2, 3), (view.Namespace, view.Name, view.DesiredBrokers, view.DesiredControllers, view.ReadyBrokers, view.ReadyControllers));
        Assert.Equal("Rolling", view.Phase);
        Assert.Equal(new ClusterOperationView { Kind = "Roll", Done = 2, Total = 6, Message = "Rolling broker 2" }, view.Operation);
        Assert.Equal("demo-bootstrap.kafka.svc:9092", view.BootstrapServers);
        var ready = Assert.Single(view.Conditions);
        Assert.Equal(("Ready", "False", "NodesNotReady", new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero)), (ready.Type, ready.Status, ready.Reason, ready.LastTransitionTime));
        Assert.Equal(["demo-broker-0", "demo-broker-1"], view.Nodes.Select(n => n.Pod));
        Assert.Equal(1, view.Generation);
        Assert.Equal(1, view.ObservedGeneration);
    }

    [Fact]
    public async Task List_returns_every_cluster_or_those_of_one_namespace_in_name_order()
    {
        await CreateAsync("kafka", "zeta");
        await CreateAsync("kafka", "alpha");
        await CreateAsync("team-b", "orders");

        var all = await operations.ListClustersAsync(null, CancellationToken.None);
        var kafka = await operations.ListClustersAsync("kafka", CancellationToken.None);

        Assert.Equal(["kafka/alpha", "kafka/zeta", "team-b/orders"], all.Select(v => $"{v.Namespace}/{v.Name}"));
        Assert.Equal(["alpha", "zeta"], kafka.Select(v => v.Name));
    }

    [Fact]
    public async Task Scaling_patches_spec_brokers_replicas_and_nothing_else()
    {
        await CreateAsync("kafka", "demo");

        var view = await operations.ScaleBrokersAsync("kafka", "demo", 5, CancellationToken.None);

        var stored = await Clusters.GetAsync("demo", "kafka");
        Assert.Equal(5, stored.Spec!.Brokers!.Replicas);
        Assert.Equal("10Gi", stored.Spec.Brokers.Storage!.Size);
        Assert.Equal(3, stored.Spec.Controllers!.Replicas);
        Assert.Equal(2, stored.Metadata.Generation);
        Assert.Equal((5, 2L), (view.DesiredBrokers, view.Generation));
    }

    [Fact]
    public async Task Restart_sets_the_restart_at_annotation_to_now()
    {
        await CreateAsync("kafka", "demo");

        await operations.RequestRollingRestartAsync("kafka", "demo", CancellationToken.None);
        var first = (await Clusters.GetAsync("demo", "kafka")).Metadata.Annotations![KafkaAnnotations.RestartAt];
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await operations.RequestRollingRestartAsync("kafka", "demo", CancellationToken.None);
        var second = (await Clusters.GetAsync("demo", "kafka")).Metadata.Annotations![KafkaAnnotations.RestartAt];

        Assert.Equal("2026-11-22T01:02:03.0000000Z", first);
        Assert.Equal("2026-11-22T01:02:03.0010000Z", second);
        Assert.Equal(1, (await Clusters.GetAsync("demo", "kafka")).Metadata.Generation); // metadata only: the spec is untouched
    }

    [Fact]
    public async Task Pause_sets_the_annotation_and_resume_removes_it()
    {
        await CreateAsync("kafka", "demo", annotations: new() { ["team"] = "payments" });

        var paused = await operations.PauseAsync("kafka", "demo", CancellationToken.None);
        var annotationsWhilePaused = (await Clusters.GetAsync("demo", "kafka")).Metadata.Annotations!;
        var resumed = await operations.ResumeAsync("kafka", "demo", CancellationToken.None);
        var annotationsAfter = (await Clusters.GetAsync("demo", "kafka")).Metadata.Annotations!;

        Assert.Equal(("Paused", true), (paused.Phase, paused.Paused));
        Assert.Equal("true", annotationsWhilePaused[KafkaAnnotations.PauseReconciliation]);
        Assert.False(resumed.Paused);
        Assert.False(annotationsAfter.ContainsKey(KafkaAnnotations.PauseReconciliation));
        Assert.Equal("payments", annotationsAfter["team"]);
    }

    [Fact]
    public async Task Events_about_the_cluster_and_its_node_pods_come_oldest_first()
    {
        await CreateAsync("kafka", "demo");
        var t = new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
        await EventAsync("kafka", "KafkaCluster", "demo", "RollingRestart", t.AddMinutes(3));
        await EventAsync("kafka", "Pod", "demo-broker-1", "BrokerRestarted", t.AddMinutes(1), count: 2, type: "Normal");
        await EventAsync("kafka", "Pod", "demo-controller-0", "NodeNotReady", t.AddMinutes(2), type: "Warning");
        await EventAsync("kafka", "Pod", "demo-tools", "Unrelated", t);
        await EventAsync("kafka", "Pod", "demo2-broker-0", "OtherCluster", t);
        await EventAsync("kafka", "KafkaCluster", "demo2", "OtherCluster", t);
        await EventAsync("kafka", "Service", "demo-bootstrap", "NotANode", t);

        var events = await operations.ListEventsAsync("kafka", "demo", CancellationToken.None);

        Assert.Equal(["BrokerRestarted", "NodeNotReady", "RollingRestart"], events.Select(e => e.Reason));
        Assert.Equal(("Normal", 2, t.AddMinutes(1)), (events[0].Type, events[0].Count, events[0].Time));
        Assert.Equal("Warning", events[1].Type);
    }

    [Fact]
    public async Task Watch_yields_the_current_view_then_one_view_per_status_change_and_ends_when_deleted()
    {
        await CreateAsync("kafka", "demo");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = operations.WatchClusterAsync("kafka", "demo", limit.Token).GetAsyncEnumerator(limit.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal("Pending", watch.Current.Phase);

        await PatchStatusAsync("kafka", "demo", Status(readyBrokers: 1, operation: ("StartUp", "1/6")));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(("Creating", 1), (watch.Current.Phase, watch.Current.ReadyBrokers));

        // A label the views do not show changes nothing a watcher sees...
        await Clusters.PatchAsync("demo", "kafka", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["team"] = "payments" } } });
        await PatchStatusAsync("kafka", "demo", Status(readyBrokers: 2, operation: ("StartUp", "2/6")));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(2, watch.Current.ReadyBrokers); // ...so the next view is the next status

        await Clusters.DeleteAsync("demo", "kafka");
        Assert.False(await watch.MoveNextAsync());
    }

    [Fact]
    public async Task A_missing_cluster_is_reported_as_not_found_by_every_operation()
    {
        var none = CancellationToken.None;
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.GetClusterAsync("kafka", "ghost", none));
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.ScaleBrokersAsync("kafka", "ghost", 3, none));
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.RequestRollingRestartAsync("kafka", "ghost", none));
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.PauseAsync("kafka", "ghost", none));
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.ResumeAsync("kafka", "ghost", none));
        await Assert.ThrowsAsync<ClusterNotFoundException>(() => operations.ListEventsAsync("kafka", "ghost", none));
        var error = await Assert.ThrowsAsync<ClusterNotFoundException>(async () =>
        {
            await foreach (var _ in operations.WatchClusterAsync("kafka", "ghost", none)) { }
        });
        Assert.Equal("KafkaCluster kafka/ghost not found.", error.Message);
    }

    [Fact]
    public async Task A_cluster_being_deleted_cannot_be_scaled()
    {
        await CreateAsync("kafka", "demo", finalizers: [KafkaClusterResource.Finalizer]);
        await Clusters.DeleteAsync("demo", "kafka");

        var error = await Assert.ThrowsAsync<ClusterConflictException>(() => operations.ScaleBrokersAsync("kafka", "demo", 5, CancellationToken.None));

        Assert.Contains("being deleted", error.Message);
        Assert.Equal(3, (await Clusters.GetAsync("demo", "kafka")).Spec!.Brokers!.Replicas);
        Assert.Equal("Deleting", (await operations.GetClusterAsync("kafka", "demo", CancellationToken.None)).Phase);
    }

    private async Task CreateAsync(string ns, string name, Dictionary<string, string>? annotations = null, List<string>? finalizers = null)
    {
        await Clusters.CreateAsync(new KafkaCluster
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = annotations, Finalizers = finalizers },
            Spec = new KafkaClusterSpec
            {
                Version = "3.9.0",
                Brokers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "10Gi" } },
                Controllers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "2Gi" } },
            },
        });
    }

    private static KafkaClusterStatus Status(int readyBrokers, (string Type, string Progress) operation) => new()
    {
        ObservedGeneration = 1,
        ReadyBrokers = readyBrokers,
        ReadyControllers = 3,
        BootstrapServers = "demo-bootstrap.kafka.svc:9092",
        Conditions = [new ClusterCondition { Type = "Ready", Status = "False", Reason = "NodesNotReady", LastTransitionTime = "2026-11-22T01:00:00Z" }],
        Nodes =
        [
            new NodeStatus { Ordinal = 0, Role = "broker", Pod = "demo-broker-0", Phase = "Ready", Ready = true },
            new NodeStatus { Ordinal = 1, Role = "broker", Pod = "demo-broker-1", Phase = "Starting" },
        ],
        Operation = new OperationStatus { Type = operation.Type, Progress = operation.Progress, Message = "Rolling broker 2" },
    };

    private Task PatchStatusAsync(string ns, string name, KafkaClusterStatus status) =>
        Clusters.PatchStatusAsync(name, ns, KafkaClusters.StatusPatch(status));

    private Task<Corev1Event> EventAsync(string ns, string kind, string name, string reason, DateTimeOffset at, int count = 1, string type = "Normal") =>
        client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = $"{name}.", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { Kind = kind, Name = name, NamespaceProperty = ns },
            Reason = reason,
            Message = $"{reason} on {name}",
            Type = type,
            FirstTimestamp = at.UtcDateTime,
            LastTimestamp = at.UtcDateTime,
            Count = count,
        }, ns);
}
