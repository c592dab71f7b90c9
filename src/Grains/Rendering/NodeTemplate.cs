using Actors.Contracts.Kafka;
using Actors.Grains.Identity;

namespace Actors.Grains.Rendering;

/// <summary>
/// Everything a node's pod is rendered from. Its hash is the pod's revision
/// (<see cref="PodTemplateRevision"/>): a node is restarted exactly when this changes.
/// Storage is here for the PVC, but outside the revision: a volume resize needs no restart.
/// </summary>
public sealed record NodeTemplate
{
    public required NodeIdentity Identity { get; init; }
    public required string Image { get; init; }

    /// <summary>KRaft cluster id every node's storage is formatted with.</summary>
    public required string ClusterId { get; init; }

    public required OrderedDictionary<string, string> Properties { get; init; }
    public IReadOnlyDictionary<string, string> Requests { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Limits { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<TolerationSpec> Tolerations { get; init; } = [];

    /// <summary>Node label the nodes of a role are spread over, e.g. <c>topology.kubernetes.io/zone</c>.</summary>
    public string? RackTopologyKey { get; init; }

    /// <summary>The CR's <c>restart-at</c> annotation: a new value gives every node a new revision.</summary>
    public string? RestartAt { get; init; }

    public required StorageSpec Storage { get; init; }

    public string Revision => PodTemplateRevision.Of(this);
}
