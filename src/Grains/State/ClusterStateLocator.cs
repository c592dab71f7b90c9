using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using Actors.Runtime;

namespace Actors.Grains.State;

/// <summary>
/// State of a grain keyed <c>namespace/name</c> lives in <c>&lt;name&gt;-operator-state</c> beside the
/// KafkaCluster, owned by it, so it goes when the cluster goes.
/// </summary>
public sealed class ClusterStateLocator(KubernetesClient client) : IGrainStateLocator
{
    public const string Suffix = "-operator-state";

    public static string ConfigMapName(ClusterIdentity cluster) => cluster.Name + Suffix;

    public async ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var parts = grainId.Key.Split('/');
        if (parts.Length < 2)
            throw new ArgumentException($"{grainId}: state in Kubernetes needs a key 'namespace/name'.", nameof(grainId));
        var cluster = new ClusterIdentity(parts[0], parts[1]);
        var resource = await client.Resource<KafkaCluster>().TryGetAsync(cluster.Name, cluster.Namespace, cancellationToken).ConfigureAwait(false);
        var owner = resource?.Metadata.Uid is { } uid ? new ClusterOwner(cluster.Name, uid).Reference() : null;
        return new GrainStateLocation(cluster.Namespace, ConfigMapName(cluster), OperatorLabels.Cluster(cluster, "operator-state"), owner);
    }
}
