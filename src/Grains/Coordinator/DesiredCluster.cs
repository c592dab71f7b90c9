using System.Text.Json.Serialization;
using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

[JsonConverter(typeof(JsonStringEnumConverter<PodManagementPolicy>))]
[GenerateSerializer, Alias("actors.PodManagementPolicy")]
public enum PodManagementPolicy
{
    /// <summary>Create a node only when every node before it is Ready (controllers first).</summary>
    OrderedReady,

    /// <summary>Create missing nodes without waiting for the ones before them.</summary>
    Parallel,
}

[JsonConverter(typeof(JsonStringEnumConverter<VolumeRetention>))]
[GenerateSerializer, Alias("actors.VolumeRetention")]
public enum VolumeRetention
{
    Retain,
    Delete,
}

/// <summary>How changes are paced: the spec's <c>rollout</c> with defaults applied.</summary>
[GenerateSerializer, Alias("actors.RolloutPolicy")]
public sealed record RolloutPolicy(
    int MaxUnavailable = 1,
    PodManagementPolicy PodManagement = PodManagementPolicy.OrderedReady,
    TimeSpan MinReady = default);

/// <summary>
/// What the cluster should be: its member nodes with the revision each should run, how to pace
/// changes, what to do with volumes, and whether the cluster is being deleted or is paused.
/// Members are ordinals <c>0..replicas-1</c> of each role.
/// </summary>
[GenerateSerializer, Alias("actors.DesiredCluster")]
public sealed record DesiredCluster
{
    [Id(0)]
    public required IReadOnlyDictionary<NodeKey, string> Revisions { get; init; }
    [Id(1)]
    public RolloutPolicy Rollout { get; init; } = new();
    [Id(2)]
    public VolumeRetention WhenDeleted { get; init; } = VolumeRetention.Retain;
    [Id(3)]
    public VolumeRetention WhenScaled { get; init; } = VolumeRetention.Retain;

    /// <summary>The CR carries a deletionTimestamp: shut down in order, then release the finalizer.</summary>
    [Id(4)]
    public bool Deleting { get; init; }

    /// <summary>The CR is annotated to pause reconciliation: nothing changes (deletion still proceeds).</summary>
    [Id(5)]
    public bool Paused { get; init; }

    /// <summary>The metadata version to finalize once every node runs the spec's Kafka version.</summary>
    [Id(6)]
    public string? MetadataVersion { get; init; }

    /// <summary>Where the operator asks Kafka before a step (the Kafka health gate); null when unknown.</summary>
    [Id(7)]
    public KafkaAccess? Kafka { get; init; }

    /// <summary>The CR is annotated to skip the Kafka checks: only readiness gates a step, and each skip is an Event.</summary>
    [Id(8)]
    public bool SkipKafkaChecks { get; init; }

    public static DesiredCluster Create(int controllers, int brokers, Func<NodeKey, string> revision) => new()
    {
        Revisions = Enumerable.Range(0, controllers).Select(NodeKey.Controller)
            .Concat(Enumerable.Range(0, brokers).Select(NodeKey.Broker))
            .ToDictionary(key => key, revision),
    };

    public bool IsMember(NodeKey key) => Revisions.ContainsKey(key);

    public int Replicas(NodeRole role) => Revisions.Keys.Count(k => k.Role == role);

    /// <summary>Members in start-up order: controllers 0.., then brokers 0...</summary>
    public IEnumerable<NodeKey> MembersInStartOrder() =>
        Revisions.Keys.Order(Comparer<NodeKey>.Create(NodeKey.CompareStartOrder));
}
