namespace Actors.Contracts.Api;

/// <summary>
/// What the user-facing APIs (HTTP under /api/v1 and gRPC actors.v1.ClusterService) may ask
/// of the operator about KafkaClusters. Both APIs validate their input before calling here
/// (see <see cref="ClusterRequestRules"/>), so an implementation receives well-formed names
/// and replica counts within bounds; it still decides what the cluster's state allows.
/// Failures are typed: <see cref="ClusterNotFoundException"/>,
/// <see cref="InvalidClusterRequestException"/> (naming the field) and
/// <see cref="ClusterConflictException"/>; anything else is an internal error.
/// Mutations are requests: they record intent (the spec, an annotation) and return the view
/// at once; the operator carries them out through its reconcile loops.
/// </summary>
public interface IClusterOperations
{
    /// <summary>Every cluster, or those of one namespace when <paramref name="ns"/> is set.</summary>
    Task<IReadOnlyList<ClusterView>> ListClustersAsync(string? ns, CancellationToken cancellationToken);

    Task<ClusterView> GetClusterAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>Sets the desired number of brokers; scaling happens one node at a time.</summary>
    Task<ClusterView> ScaleBrokersAsync(string ns, string name, int brokers, CancellationToken cancellationToken);

    /// <summary>Asks for a rolling restart of every node, one at a time, keeping quorum.</summary>
    Task<ClusterView> RequestRollingRestartAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>Stops the operator acting on the cluster; running pods are left alone.</summary>
    Task<ClusterView> PauseAsync(string ns, string name, CancellationToken cancellationToken);

    Task<ClusterView> ResumeAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>Kubernetes events about the cluster and its nodes, oldest first.</summary>
    Task<IReadOnlyList<ClusterEventView>> ListEventsAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The current view first, then one view per change of the cluster's status, until
    /// <paramref name="cancellationToken"/> is cancelled or the cluster is deleted (the
    /// sequence then ends). Throws <see cref="ClusterNotFoundException"/> from the first
    /// MoveNextAsync when the cluster does not exist.
    /// </summary>
    IAsyncEnumerable<ClusterView> WatchClusterAsync(string ns, string name, CancellationToken cancellationToken);
}
