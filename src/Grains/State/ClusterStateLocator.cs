using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Storage.GrainState;
using k8s;

namespace Actors.Grains.State;

/// <summary>
/// State of a grain keyed <c>namespace/name</c> lives in <c>&lt;name&gt;-operator-state</c> beside the
/// KafkaCluster, owned by it, so it goes when the cluster goes.
/// </summary>
public sealed class ClusterStateLocator(IKubernetes client) : IGrainStateLocator
{
    public const string Suffix = "-operator-state";

    private readonly KafkaClusterReader _reader = new(client);

    public static string ConfigMapName(ClusterIdentity cluster) => cluster.Name + Suffix;

    public async ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var parts = (grainId.Key.ToString() ?? "").Split('/');
        if (parts.Length < 2)
            throw new ArgumentException($"{grainId}: state in Kubernetes needs a key 'namespace/name'.", nameof(grainId));
        var cluster = new ClusterIdentity(parts[0], parts[1]);
        // Only the uid is needed, which an object the operator cannot otherwise read still has.
        var uid = await _reader.ReadAsync(cluster, cancellationToken).ConfigureAwait(false) switch
        {
            ClusterRead.Readable readable => readable.Cluster.Metadata.Uid,
            ClusterRead.Unreadable unreadable => unreadable.Cluster.Uid,
            _ => null,
        };
        var owner = uid is not null ? new ClusterOwner(cluster.Name, uid).Reference() : null;
        return new GrainStateLocation(cluster.Namespace, ConfigMapName(cluster), OperatorLabels.Cluster(cluster, "operator-state"), owner);
    }
}
