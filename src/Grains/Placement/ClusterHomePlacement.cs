using Orleans.Placement;

namespace Actors.Grains.Placement;

/// <summary>
/// Places every grain of a KafkaCluster (its cluster grain, coordinator and node grains) on the
/// cluster's home replica (<see cref="ClusterHome"/>), so a cluster's grains live together and
/// different clusters spread evenly over the replicas, with no load statistics to wait for.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("actors.ClusterHomePlacement")]
public sealed class ClusterHomePlacement : PlacementStrategy;

/// <summary>Marks a grain whose key starts with its cluster's <c>namespace/name</c> as placed on that cluster's home replica.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ClusterHomePlacementAttribute() : PlacementAttribute(new ClusterHomePlacement());
