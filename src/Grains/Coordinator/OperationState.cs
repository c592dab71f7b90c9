using System.Text.Json.Serialization;
using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

[JsonConverter(typeof(JsonStringEnumConverter<OperationKind>))]
[GenerateSerializer, Alias("actors.OperationKind")]
public enum OperationKind
{
    StartUp,
    ScaleOut,
    ScaleIn,
    Roll,
    Recover,
    RaiseMetadataVersion,
    ShutDown,
}

[JsonConverter(typeof(JsonStringEnumConverter<DeletionCause>))]
[GenerateSerializer, Alias("actors.DeletionCause")]
public enum DeletionCause
{
    Roll,
    ScaleIn,
}

/// <summary>
/// A pod the coordinator decided to delete, written down before the delete is sent: which
/// pod instance (uid), why, and for a roll the revision it is restarted for.
/// </summary>
[GenerateSerializer, Alias("actors.PodDeletion")]
public sealed record PodDeletion(NodeKey Node, string PodUid, DeletionCause Cause, string? Revision = null);

/// <summary>
/// The coordinator's in-flight operation, persisted before each step is carried out. It is the
/// only intent that cannot be re-derived from the API: after an operator restart it tells which
/// pods were already deleted, so a node whose deletion the cache does not show yet counts as
/// down and is never restarted a second time for one revision.
/// </summary>
[GenerateSerializer, Alias("actors.OperationState")]
public sealed record OperationState(OperationKind Kind, DateTimeOffset StartedAt, IReadOnlyList<PodDeletion> Deletions)
{
    public PodDeletion? RollOf(NodeKey node) =>
        Deletions.FirstOrDefault(d => d.Node == node && d.Cause == DeletionCause.Roll);
}
