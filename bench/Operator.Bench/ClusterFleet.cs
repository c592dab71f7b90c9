using System.Diagnostics;
using Actors.Contracts.Kafka;
using Actors.Emulator.Audit;
using Actors.Grains.Cluster;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Operator.Bench;

/// <summary>One restart roll as the emulator's audit log saw it.</summary>
public sealed record RollSample(string Cluster, TimeSpan ToFirstDeletion, TimeSpan ToCompletion);

/// <summary>
/// N KafkaClusters in the bench namespace, each 3 controllers + 3 brokers, OrderedReady, minReadySeconds 0,
/// named k000, k001, … from <paramref name="first"/> on (a later wave of a fleet starts where the last ended).
/// </summary>
public sealed class ClusterFleet(BenchWorld world, int count, int first = 0)
{
    public const int NodesPerCluster = 6;
    private ICustomObjectsOperations Clusters => world.Client.CustomObjects;

    public IReadOnlyList<string> Names { get; } = Enumerable.Range(first, count).Select(i => $"k{i:000}").ToList();

    public static KafkaCluster Manifest(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = BenchWorld.Namespace },
        Spec = new KafkaClusterSpec
        {
            Version = "3.9.0",
            Controllers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "1Gi" } },
            Brokers = new NodePoolSpec { Replicas = 3, Storage = new StorageSpec { Size = "10Gi" } },
            Rollout = new RolloutSpec { PodManagementPolicy = KafkaSpecValues.OrderedReady, MinReadySeconds = 0 },
        },
    };

    public static bool IsReady(KafkaCluster cluster) =>
        cluster.Status?.ObservedGeneration >= (cluster.Metadata.Generation ?? 1)
        && ConditionSet.Find(cluster.Status.Conditions, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
        && cluster.Status.Operation is null;

    /// <summary>
    /// Creates every cluster of this fleet, then polls the list until each is Ready (others in the
    /// namespace, an earlier wave's, are ignored); returns the wall time for the
    /// whole fleet and each cluster's time from its create to the poll that first saw it Ready
    /// (poll resolution <paramref name="poll"/>, 100 ms unless given: listing a thousand clusters
    /// that often would load the API server more than the operator does). Throws when the bound passes.
    /// </summary>
    public async Task<(TimeSpan Wall, IReadOnlyList<TimeSpan> PerCluster)> StartUpAsync(TimeSpan bound, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        var created = new Dictionary<string, TimeSpan>();
        foreach (var name in Names)
        {
            created[name] = clock.Elapsed;
            await Clusters.CreateNamespacedCustomObjectAsync<KafkaCluster>(Manifest(name), KafkaClusterResource.Group, KafkaClusterResource.Version, BenchWorld.Namespace, KafkaClusterResource.Plural);
        }
        var ready = new Dictionary<string, TimeSpan>();
        while (ready.Count < Names.Count)
        {
            if (clock.Elapsed > bound)
                throw new TimeoutException($"only {ready.Count}/{Names.Count} clusters Ready after {bound.TotalSeconds:0} s");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
            var listed = await Clusters.ListNamespacedCustomObjectAsync<KubernetesList<KafkaCluster>>(
                KafkaClusterResource.Group, KafkaClusterResource.Version, BenchWorld.Namespace, KafkaClusterResource.Plural);
            foreach (var cluster in listed.Items)
                if (cluster.Metadata.Name is { } name && created.ContainsKey(name) && !ready.ContainsKey(name) && IsReady(cluster))
                    ready[name] = clock.Elapsed - created[name];
        }
        return (clock.Elapsed, ready.Values.ToList());
    }

    /// <summary>
    /// Sets the restart-at annotation on one cluster and times, from the audit record of that
    /// write, the first pod deletion of the roll (audit timestamps) and the poll that sees all six
    /// pods deleted and the cluster Ready again (poll resolution 50 ms).
    /// </summary>
    public async Task<RollSample> RestartAsync(string name, TimeSpan bound)
    {
        var written = await WriteRestartAsync(name);
        var audit = world.Emulator.Audit;
        var write = audit.For("kafkaclusters", BenchWorld.Namespace, name)
            .Last(r => r.ResourceVersion == written.Metadata.ResourceVersion && r.Subresource is null);
        var clock = Stopwatch.StartNew();
        DateTimeOffset? firstDeletion = null;
        while (true)
        {
            if (clock.Elapsed > bound) throw new TimeoutException($"{name}: roll not complete after {bound.TotalSeconds:0} s");
            var deletions = PodDeletions(audit, name, write.Sequence);
            firstDeletion ??= deletions.FirstOrDefault()?.Time;
            if (deletions.Select(d => d.Name).Distinct().Count() >= NodesPerCluster
                && IsReady(await GetAsync(name)))
            {
                if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
                    foreach (var r in audit.For("pods", BenchWorld.Namespace).Where(r => r.Sequence > write.Sequence))
                        Console.WriteLine($"    {(r.Time - write.Time).TotalMilliseconds,6:0} {r.Verb} {r.Name} {r.Subresource} {r.User} removed={r.Removed}");
                return new RollSample(name, firstDeletion!.Value - write.Time, DateTimeOffset.UtcNow - write.Time);
            }
            await Task.Delay(50);
        }
    }

    private static IReadOnlyList<AuditRecord> PodDeletions(AuditLog audit, string cluster, long after) =>
        audit.For("pods", BenchWorld.Namespace)
            .Where(r => r.Sequence > after && r.Verb == "delete" && r.Name.StartsWith(cluster + "-", StringComparison.Ordinal))
            .ToList();

    private async Task<KafkaCluster> WriteRestartAsync(string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cluster = await GetAsync(name);
            cluster.Metadata.Annotations ??= new Dictionary<string, string>();
            cluster.Metadata.Annotations[KafkaAnnotations.RestartAt] = DateTimeOffset.UtcNow.ToString("O");
            try
            {
                return await Clusters.ReplaceNamespacedCustomObjectAsync<KafkaCluster>(
                    cluster, KafkaClusterResource.Group, KafkaClusterResource.Version, BenchWorld.Namespace, KafkaClusterResource.Plural, name);
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < 10)
            {
            }
        }
    }

    private Task<KafkaCluster> GetAsync(string name) =>
        Clusters.GetNamespacedCustomObjectAsync<KafkaCluster>(KafkaClusterResource.Group, KafkaClusterResource.Version, BenchWorld.Namespace, KafkaClusterResource.Plural, name);
}
