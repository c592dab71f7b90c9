using System.Diagnostics;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.OperatorCluster.Bench;

/// <summary>N KafkaClusters of one shape in the bench namespace, named c000, c001, …</summary>
public sealed class Fleet(k8s.Kubernetes client, int count, int controllers, int brokers)
{
    public IReadOnlyList<string> Names { get; } = [.. Enumerable.Range(0, count).Select(i => $"c{i:000}")];
    public int NodesPerCluster => controllers + brokers;
    public string Shape => $"{controllers} controller{(controllers == 1 ? "" : "s")} + {brokers} broker{(brokers == 1 ? "" : "s")}";

    private ICustomObjectsOperations Clusters => client.CustomObjects;

    private KafkaCluster Manifest(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ReplicaWorld.Namespace },
        Spec = new KafkaClusterSpec
        {
            Version = "3.9.0",
            Controllers = new NodePoolSpec { Replicas = controllers, Storage = new StorageSpec { Size = "1Gi" } },
            Brokers = new NodePoolSpec { Replicas = brokers, Storage = new StorageSpec { Size = "10Gi" } },
            Rollout = new RolloutSpec { PodManagementPolicy = KafkaSpecValues.OrderedReady, MinReadySeconds = 0, MaxUnavailable = 1 },
        },
    };

    /// <summary>Ready, its generation observed, no operation in flight.</summary>
    public static bool IsReadyAtRest(KafkaCluster cluster) =>
        cluster.Status?.ObservedGeneration >= (cluster.Metadata.Generation ?? 1)
        && ConditionSet.Find(cluster.Status.Conditions, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
        && cluster.Status.Operation is null;

    /// <summary>Creates every cluster (one after the other) and returns the time from the first create until a list shows all Ready at rest (polled every 500 ms).</summary>
    public async Task<TimeSpan> CreateAllAsync(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        foreach (var name in Names)
            await Clusters.CreateNamespacedCustomObjectAsync(Manifest(name), KafkaClusterResource.Group, KafkaClusterResource.Version, ReplicaWorld.Namespace, KafkaClusterResource.Plural);
        await UntilAllAtRestAsync(clock, bound);
        return clock.Elapsed;
    }

    /// <summary>Waits until a list shows every cluster Ready at rest; throws with the count when <paramref name="bound"/> passes.</summary>
    public async Task UntilAllAtRestAsync(Stopwatch clock, TimeSpan bound)
    {
        while (true)
        {
            var listed = await Clusters.ListNamespacedCustomObjectAsync<KubernetesList<KafkaCluster>>(
                KafkaClusterResource.Group, KafkaClusterResource.Version, ReplicaWorld.Namespace, KafkaClusterResource.Plural);
            var atRest = listed.Items.Count(IsReadyAtRest);
            if (atRest == Names.Count) return;
            if (clock.Elapsed > bound) throw new TimeoutException($"only {atRest}/{Names.Count} clusters Ready at rest after {bound.TotalSeconds:0} s");
            await Task.Delay(500);
        }
    }

    /// <summary>Asks for a rolling restart of <paramref name="name"/> through the restart-at annotation, as `kubectl annotate` would.</summary>
    public async Task RestartAsync(string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cluster = await Clusters.GetNamespacedCustomObjectAsync<KafkaCluster>(
                KafkaClusterResource.Group, KafkaClusterResource.Version, ReplicaWorld.Namespace, KafkaClusterResource.Plural, name);
            cluster.Metadata.Annotations ??= new Dictionary<string, string>();
            cluster.Metadata.Annotations[KafkaAnnotations.RestartAt] = DateTimeOffset.UtcNow.ToString("O");
            try
            {
                await Clusters.ReplaceNamespacedCustomObjectAsync(cluster, KafkaClusterResource.Group, KafkaClusterResource.Version, ReplicaWorld.Namespace, KafkaClusterResource.Plural, name);
                return;
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < 10)
            {
            }
        }
    }
}
