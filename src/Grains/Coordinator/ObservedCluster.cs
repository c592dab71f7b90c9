using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

[GenerateSerializer, Alias("actors.PodPhase")]
public enum PodPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

/// <summary>A node's pod as last seen.</summary>
[GenerateSerializer, Alias("actors.ObservedPod")]
public sealed record ObservedPod(
    string Uid,
    string? Revision,
    PodPhase Phase = PodPhase.Running,
    bool Ready = false,
    DateTimeOffset? ReadySince = null,
    bool Terminating = false);

/// <summary>One identity as seen in the API: its pod (if any) and whether its PVC and its ConfigMap exist.</summary>
[GenerateSerializer, Alias("actors.ObservedNode")]
public sealed record ObservedNode(NodeKey Key, ObservedPod? Pod, bool HasPvc, bool HasConfig = false);

/// <summary>
/// What exists: every identity that has a pod, a PVC or a ConfigMap, members or not, plus what Kafka reports
/// (the finalized metadata version, the active controller) when known.
/// </summary>
[GenerateSerializer, Alias("actors.ObservedCluster")]
public sealed record ObservedCluster(
    IReadOnlyList<ObservedNode> Nodes,
    string? MetadataVersion = null,
    NodeKey? ActiveController = null)
{
    public static ObservedCluster Empty { get; } = new([]);

    public ObservedNode? Find(NodeKey key) => Nodes.FirstOrDefault(n => n.Key == key);
}
