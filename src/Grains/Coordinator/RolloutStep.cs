using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

/// <summary>The one next thing the coordinator does. The shell carries it out and decides again.</summary>
[GenerateSerializer, Alias("actors.RolloutStep")]
public abstract record RolloutStep;

/// <summary>Create the node's pod at <paramref name="Revision"/>; first its PVC when <paramref name="CreateVolume"/>.</summary>
[GenerateSerializer, Alias("actors.CreateNode")]
public sealed record CreateNode(NodeKey Node, string Revision, bool CreateVolume) : RolloutStep;

[GenerateSerializer, Alias("actors.PodDeletionReason")]
public enum PodDeletionReason
{
    /// <summary>Restart onto a new revision; the pod is recreated by a later <see cref="CreateNode"/>.</summary>
    Roll,

    /// <summary>The pod failed for good (e.g. evicted); replace it with the same identity.</summary>
    ReplaceFailed,
}

/// <summary>Delete one pod instance (precondition on its uid) of a member; its PVC stays.</summary>
[GenerateSerializer, Alias("actors.DeleteNodePod")]
public sealed record DeleteNodePod(NodeKey Node, string PodUid, PodDeletionReason Reason) : RolloutStep;

[GenerateSerializer, Alias("actors.RemovalReason")]
public enum RemovalReason
{
    ScaleIn,
    ShutDown,
}

/// <summary>Stop a node that is leaving the cluster (scale-in or cluster deletion); its PVC stays.</summary>
[GenerateSerializer, Alias("actors.RemoveNode")]
public sealed record RemoveNode(NodeKey Node, string PodUid, RemovalReason Reason) : RolloutStep;

/// <summary>Delete the PVC of a node without a pod, as the retention policy asks.</summary>
[GenerateSerializer, Alias("actors.DeletePvc")]
public sealed record DeletePvc(NodeKey Node) : RolloutStep;

/// <summary>Delete the ConfigMap of a node that left the cluster and has no pod any more.</summary>
[GenerateSerializer, Alias("actors.DeleteNodeConfig")]
public sealed record DeleteNodeConfig(NodeKey Node) : RolloutStep;

/// <summary>The decision needs the health gate's answer for this node; ask and decide again.</summary>
[GenerateSerializer, Alias("actors.AskGate")]
public sealed record AskGate(NodeKey Node, HealthGateQuestion Question) : RolloutStep;

/// <summary>Every node runs the new version: finalize its metadata version.</summary>
[GenerateSerializer, Alias("actors.RaiseMetadataVersion")]
public sealed record RaiseMetadataVersion(string From, string To) : RolloutStep;

/// <summary>Nothing to do until the world changes (a node becomes Ready, a pod goes away).</summary>
/// <param name="RecheckAfter">Decide again after this even without an event (minReadySeconds).</param>
[GenerateSerializer, Alias("actors.Wait")]
public sealed record Wait(string Reason, string Message, TimeSpan? RecheckAfter = null) : RolloutStep;

/// <summary>A health gate refuses the next step; <paramref name="Reason"/> is the condition reason.</summary>
[GenerateSerializer, Alias("actors.Blocked")]
public sealed record Blocked(string Reason, string Message) : RolloutStep;

/// <summary>Reconciliation is paused by annotation.</summary>
[GenerateSerializer, Alias("actors.Paused")]
public sealed record Paused : RolloutStep;

/// <summary>The cluster is as desired: every member Ready at its revision.</summary>
[GenerateSerializer, Alias("actors.Done")]
public sealed record Done : RolloutStep;

/// <summary>The cluster is deleted: no pods left, volumes handled; remove the finalizer.</summary>
[GenerateSerializer, Alias("actors.ShutDownComplete")]
public sealed record ShutDownComplete : RolloutStep;

/// <summary>The next step and the operation state to persist before carrying it out.</summary>
[GenerateSerializer, Alias("actors.RolloutDecision")]
public sealed record RolloutDecision(RolloutStep Step, OperationState? Operation);

/// <summary>Why the coordinator waits, as short CamelCase words.</summary>
public static class WaitReasons
{
    public const string NodeNotReady = "WaitingForNodeReady";
    public const string NodeStopping = "WaitingForNodeToStop";
    public const string UnavailableBudget = "WaitingForAvailability";
}
