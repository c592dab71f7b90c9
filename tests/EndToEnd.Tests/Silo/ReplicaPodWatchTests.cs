using System.Diagnostics;
using k8s;
using k8s.Models;
using Actors.EndToEnd.Tests.Harness;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Issue 13: replicas that run in pods use Orleans' Kubernetes hosting. Each labels its own pod
/// with the operator cluster's ids, and when a replica's pod is deleted its silo is declared dead
/// by the others at once, from the pod watch alone: here the replica's process is still running
/// and answering its probes, so nothing but the pod's deletion can have declared it dead.
/// </summary>
public sealed class ReplicaPodWatchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Cluster = "pods";
    private const string PodNamespace = OperatorReplicas.MembershipNamespace;
    private static readonly string Membership = Actors.Grains.Hosting.SiloClustering.Kubernetes.MembershipPrefix + Cluster;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private readonly SiloProcessWorld world = new(output, "replica-pods");

    public Task InitializeAsync() => world.InitializeAsync();

    public Task DisposeAsync() => world.DisposeAsync();

    [Fact]
    public async Task A_deleted_replica_pod_has_its_running_silo_declared_dead_and_the_others_carry_on()
    {
        string[] replicas = ["replica-a", "replica-b", "replica-c"];
        foreach (var name in replicas) await world.Client.CoreV1.CreateNamespacedPodAsync(ReplicaPod(name), PodNamespace);
        var started = new List<SiloProcess>();
        foreach (var name in replicas) started.Add(await OperatorReplicas.StartAsync(world, name, Cluster, PodNamespace));
        await Eventually.UntilAsync(async () =>
        {
            foreach (var silo in started) if (!(await OperatorReplicas.MembershipAsync(silo)).Ready) return false;
            return true;
        }, "the three replicas are Active", Limit);

        // Each replica found its pod and labelled it: the pod watch selects the replicas by these labels.
        foreach (var name in replicas)
        {
            var labels = (await world.Client.CoreV1.ReadNamespacedPodAsync(name, PodNamespace)).Metadata.Labels;
            Assert.Equal(Cluster, labels["orleans/clusterId"]);
            Assert.Equal(Actors.Grains.Hosting.KafkaOperatorSilo.ServiceId, labels["orleans/serviceId"]);
        }

        var victim = started[2];
        Assert.Equal("Active", (await OperatorReplicas.RowsAsync(world.Client, Membership))["replica-c"]);
        var clock = Stopwatch.StartNew();
        await world.Client.CoreV1.DeleteNamespacedPodAsync("replica-c", PodNamespace, new V1DeleteOptions { GracePeriodSeconds = 0 });
        world.Log("deleted pod replica-c; its process keeps running");

        await Eventually.UntilAsync(async () => (await OperatorReplicas.RowsAsync(world.Client, Membership))["replica-c"] == "Dead",
            "replica-c is Dead in the membership table", Limit);
        world.Log($"replica-c declared dead {clock.ElapsedMilliseconds} ms after its pod was deleted");
        // A silo declared dead stops itself rather than act beside the cluster that buried it.
        await Eventually.UntilAsync(() => Task.FromResult(victim.HasExited), "replica-c's process has stopped", Limit);
        world.Log($"replica-c's process exited {clock.ElapsedMilliseconds} ms after its pod was deleted");

        var rows = await OperatorReplicas.RowsAsync(world.Client, Membership);
        Assert.Equal("Active", rows["replica-a"]);
        Assert.Equal("Active", rows["replica-b"]);
        foreach (var silo in started.Take(2))
        {
            Assert.False(silo.HasExited, $"{silo.Name} exited");
            var (active, detail) = await OperatorReplicas.MembershipAsync(silo);
            Assert.True(active, $"{silo.Name} is not Active: {detail}");
        }
    }

    /// <summary>The pod a replica runs in, as the operator's Deployment would make it.</summary>
    private static V1Pod ReplicaPod(string name) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "actors-operator", ["app.kubernetes.io/component"] = "operator" },
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "operator", Image = "ghcr.io/actors-dev/kafka-operator:0.1.0" }] },
    };
}
