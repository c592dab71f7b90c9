using System.Text.Json.Serialization;

namespace Actors.Contracts.Kafka;

/// <summary>
/// <c>spec</c> of a <c>KafkaCluster</c>: what a Strimzi or Confluent for Kubernetes user already writes.
/// Optional fields are null when left out; defaults are applied by the operator, not here, so that
/// what was written and what was defaulted stay distinguishable.
/// </summary>
public sealed record KafkaClusterSpec
{
    /// <summary>Kafka version, e.g. <c>3.9.0</c>; selects the image <c>apache/kafka:&lt;version&gt;</c>.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>Overrides the image; it must still contain the given Kafka version.</summary>
    [JsonPropertyName("image")] public string? Image { get; init; }

    [JsonPropertyName("brokers")] public NodePoolSpec? Brokers { get; init; }

    /// <summary>KRaft controllers (an odd number, 1 to 9).</summary>
    [JsonPropertyName("controllers")] public NodePoolSpec? Controllers { get; init; }

    /// <summary>Client listeners; one plain listener on 9092 when left out.</summary>
    [JsonPropertyName("listeners")] public List<ListenerSpec>? Listeners { get; init; }

    [JsonPropertyName("rollout")] public RolloutSpec? Rollout { get; init; }

    [JsonPropertyName("persistentVolumeClaimRetentionPolicy")]
    public PvcRetentionPolicySpec? PersistentVolumeClaimRetentionPolicy { get; init; }
}

/// <summary>One group of nodes sharing a role: the brokers or the controllers.</summary>
public sealed record NodePoolSpec
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("resources")] public ResourcesSpec? Resources { get; init; }
    [JsonPropertyName("storage")] public StorageSpec? Storage { get; init; }

    /// <summary>Server properties added to the rendered ones; keys the operator owns are refused.</summary>
    [JsonPropertyName("config")] public Dictionary<string, string>? Config { get; init; }

    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; init; }
    [JsonPropertyName("tolerations")] public List<TolerationSpec>? Tolerations { get; init; }
    [JsonPropertyName("rack")] public RackSpec? Rack { get; init; }
}

/// <summary>Container resources as Kubernetes quantities, e.g. <c>{"cpu": "1", "memory": "4Gi"}</c>.</summary>
public sealed record ResourcesSpec
{
    [JsonPropertyName("requests")] public Dictionary<string, string>? Requests { get; init; }
    [JsonPropertyName("limits")] public Dictionary<string, string>? Limits { get; init; }
}

public sealed record StorageSpec
{
    /// <summary>Volume size as a Kubernetes quantity, e.g. <c>100Gi</c>. It may grow, never shrink.</summary>
    [JsonPropertyName("size")] public string? Size { get; init; }

    /// <summary>Storage class of the PVC; the cluster default when left out. It cannot change later.</summary>
    [JsonPropertyName("storageClassName")] public string? StorageClassName { get; init; }
}

public sealed record TolerationSpec
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("operator")] public string? Operator { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("effect")] public string? Effect { get; init; }
    [JsonPropertyName("tolerationSeconds")] public long? TolerationSeconds { get; init; }
}

/// <summary>Rack awareness: nodes spread over the values of this node label, and Kafka's <c>broker.rack</c>.</summary>
public sealed record RackSpec
{
    [JsonPropertyName("topologyKey")] public string? TopologyKey { get; init; }
}

/// <summary>A client listener. Inside the cluster only, for now.</summary>
public sealed record ListenerSpec
{
    /// <summary>Listener name, lower case letters and digits, e.g. <c>plain</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("port")] public int? Port { get; init; }

    /// <summary><c>internal</c> (the default).</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("tls")] public bool? Tls { get; init; }
}

public sealed record RolloutSpec
{
    /// <summary>Nodes that may be unavailable at once, counting those down on their own. Default 1.</summary>
    [JsonPropertyName("maxUnavailable")] public int? MaxUnavailable { get; init; }

    /// <summary><c>OrderedReady</c> (default) or <c>Parallel</c>, as for a StatefulSet.</summary>
    [JsonPropertyName("podManagementPolicy")] public string? PodManagementPolicy { get; init; }

    /// <summary>How long a node must have been Ready before the next one is touched.</summary>
    [JsonPropertyName("minReadySeconds")] public int? MinReadySeconds { get; init; }
}

public sealed record PvcRetentionPolicySpec
{
    /// <summary><c>Retain</c> (default) or <c>Delete</c>: the volumes when the cluster is deleted.</summary>
    [JsonPropertyName("whenDeleted")] public string? WhenDeleted { get; init; }

    /// <summary><c>Retain</c> (default) or <c>Delete</c>: the volumes of nodes removed by scale-in.</summary>
    [JsonPropertyName("whenScaled")] public string? WhenScaled { get; init; }
}

/// <summary>The words the spec accepts for its enumerations.</summary>
public static class KafkaSpecValues
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";
    public const string Retain = "Retain";
    public const string Delete = "Delete";
    public const string Internal = "internal";
}
