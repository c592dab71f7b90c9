using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;

namespace Actors.Grains.Coordinator;

/// <summary>
/// The only grain that decides when a node of a cluster may change, keyed <c>namespace/name</c>.
/// The cluster grain hands it the plan; it decides (<see cref="RolloutDecider"/>), persists its
/// in-flight operation, has the node grains carry the step out, and reports where it stands. Its
/// messages are the pure layer's types, so this interface lives beside them rather than in Contracts.
/// </summary>
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Decides and acts until the next step must wait for the world (or the step budget is spent).</summary>
    Task<CoordinatorReport> PassAsync(CoordinatorPlan plan);

    /// <summary>The operation in flight, as last persisted; answers during a pass too (a query never waits behind a reconcile).</summary>
    [AlwaysInterleave]
    Task<OperationState?> GetOperationAsync();
}

/// <summary>What the cluster grain hands the coordinator: the desired cluster and each member's template.</summary>
[GenerateSerializer, Alias("actors.CoordinatorPlan")]
public sealed record CoordinatorPlan(
    ClusterIdentity Cluster,
    ClusterOwner Owner,
    DesiredCluster Desired,
    IReadOnlyDictionary<NodeKey, NodeTemplate> Templates,
    string? FinalizedMetadataVersion);

/// <summary>
/// Where the coordinator stands after a pass: the last decision (its step is a wait, a block, done…),
/// what it observed, the metadata version it finalized in this pass, if any, and when it wants the
/// cluster looked at again without an event (null: only an event or the resync).
/// </summary>
[GenerateSerializer, Alias("actors.CoordinatorReport")]
public sealed record CoordinatorReport(RolloutDecision Decision, ObservedCluster Observed, string? RaisedMetadataVersion, int StepsTaken, TimeSpan? RequeueAfter);

/// <summary>
/// The coordinator's persisted state: the operation in flight, null at rest. Stored as JSON; the
/// Orleans codec is for a move to the cluster's home replica, which carries it (and its
/// resourceVersion) to the new activation instead of reading it again.
/// </summary>
[GenerateSerializer, Alias("actors.CoordinatorState")]
public sealed class CoordinatorState
{
    [Id(0)]
    public OperationState? Operation { get; set; }
}
