using Actors.Grains.Hosting;
using k8s;

namespace Actors.Silo.OperatorCluster;

/// <summary>This replica's place in the operator cluster (--operator-cluster), or none: it runs alone.</summary>
/// <param name="Shared">The operator cluster this replica's silo joins; null: alone.</param>
/// <param name="PodWatch">
/// In a pod (downward API POD_NAME and POD_NAMESPACE): the client configuration with which the
/// replicas' pods are watched (<see cref="ReplicaPodWatch"/>); null outside a pod or alone.
/// </param>
public sealed record OperatorClustering(SiloClustering.Kubernetes? Shared, KubernetesClientConfiguration? PodWatch = null);
