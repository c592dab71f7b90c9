using Actors.Grains.Hosting;

namespace Actors.Silo.OperatorCluster;

/// <summary>This replica's place in the operator cluster (--operator-cluster), or none: it runs alone.</summary>
public sealed record OperatorClustering(SiloClustering.Kubernetes? Shared);
