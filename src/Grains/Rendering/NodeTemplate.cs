using Actors.Contracts.Kafka;
using Actors.Grains.Identity;

namespace Actors.Grains.Rendering;

/// <summary>
/// Everything a node's pod is rendered from. Its hash is the pod's revision
/// (<see cref="PodTemplateRevision"/>): a node is restarted exactly when this changes.
/// Storage is here for the PVC, but outside the revision: a volume resize needs no restart.
/// </summary>
[GenerateSerializer, Alias("actors.NodeTemplate")]
public sealed record NodeTemplate
{
    [Id(0)]
    public required NodeIdentity Identity { get; init; }
    [Id(1)]
    public required string Image { get; init; }

    /// <summary>KRaft cluster id every node's storage is formatted with.</summary>
    [Id(2)]
    public required string ClusterId { get; init; }

    [Id(3)]
    public required ServerProperties Properties { get; init; }
    [Id(4)]
    public IReadOnlyDictionary<string, string> Requests { get; init; } = new Dictionary<string, string>();
    [Id(5)]
    public IReadOnlyDictionary<string, string> Limits { get; init; } = new Dictionary<string, string>();
    [Id(6)]
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
    [Id(7)]
    public IReadOnlyList<TolerationSpec> Tolerations { get; init; } = [];

    /// <summary>Node label the nodes of a role are spread over, e.g. <c>topology.kubernetes.io/zone</c>.</summary>
    [Id(8)]
    public string? RackTopologyKey { get; init; }

    /// <summary>The CR's <c>restart-at</c> annotation: a new value gives every node a new revision.</summary>
    [Id(9)]
    public string? RestartAt { get; init; }

    [Id(10)]
    public required StorageSpec Storage { get; init; }

    public string Revision => PodTemplateRevision.Of(this);
}
