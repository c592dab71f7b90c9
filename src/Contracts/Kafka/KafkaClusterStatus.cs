using System.Text.Json.Serialization;

namespace Actors.Contracts.Kafka;

/// <summary><c>status</c> of a <c>KafkaCluster</c>; written only by the cluster grain.</summary>
public sealed record KafkaClusterStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
    [JsonPropertyName("conditions")] public List<ClusterCondition>? Conditions { get; init; }

    /// <summary>KRaft cluster id (base64 UUID), generated once; every node's storage is formatted with it.</summary>
    [JsonPropertyName("clusterId")] public string? ClusterId { get; init; }

    [JsonPropertyName("nodes")] public List<NodeStatus>? Nodes { get; init; }
    [JsonPropertyName("readyBrokers")] public int? ReadyBrokers { get; init; }
    [JsonPropertyName("readyControllers")] public int? ReadyControllers { get; init; }
    [JsonPropertyName("brokers")] public int? Brokers { get; init; }
    [JsonPropertyName("controllers")] public int? Controllers { get; init; }

    /// <summary>The operation in flight, if any, and how far it got.</summary>
    [JsonPropertyName("operation")] public OperationStatus? Operation { get; init; }

    /// <summary>Comma-separated <c>host:port</c> of the bootstrap Service, for clients.</summary>
    [JsonPropertyName("bootstrapServers")] public string? BootstrapServers { get; init; }

    /// <summary>What has been applied so far, to judge a changed spec (shrinks, downgrades, quorum changes).</summary>
    [JsonPropertyName("applied")] public AppliedSpec? Applied { get; init; }
}

/// <summary>A condition in the Kubernetes convention.</summary>
public sealed record ClusterCondition
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("status")] public string Status { get; init; } = ConditionStatus.Unknown;
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }

    /// <summary>RFC 3339 time, UTC, seconds precision (<c>2026-01-02T03:04:05Z</c>).</summary>
    [JsonPropertyName("lastTransitionTime")] public string? LastTransitionTime { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>One Kafka node as last observed.</summary>
public sealed record NodeStatus
{
    [JsonPropertyName("ordinal")] public int Ordinal { get; init; }

    /// <summary><c>broker</c> or <c>controller</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "";
    [JsonPropertyName("nodeId")] public int NodeId { get; init; }
    [JsonPropertyName("pod")] public string Pod { get; init; } = "";

    /// <summary>Pending, Starting, Ready, Failed, Terminating or Absent.</summary>
    [JsonPropertyName("phase")] public string Phase { get; init; } = "";
    [JsonPropertyName("revision")] public string? Revision { get; init; }
    [JsonPropertyName("ready")] public bool Ready { get; init; }
}

public sealed record OperationStatus
{
    /// <summary>StartUp, ScaleOut, ScaleIn, Roll, RaiseMetadataVersion or ShutDown.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("startedAt")] public string? StartedAt { get; init; }

    /// <summary>Nodes done out of nodes concerned, e.g. <c>2/6</c>.</summary>
    [JsonPropertyName("progress")] public string? Progress { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>Facts about the running cluster that a later spec is checked against.</summary>
public sealed record AppliedSpec
{
    /// <summary>The Kafka version every node runs.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>The finalized KRaft metadata version, e.g. <c>3.9-IV0</c>; downgrades below it are refused.</summary>
    [JsonPropertyName("metadataVersion")] public string? MetadataVersion { get; init; }

    [JsonPropertyName("controllerReplicas")] public int? ControllerReplicas { get; init; }
    [JsonPropertyName("brokerStorage")] public StorageSpec? BrokerStorage { get; init; }
    [JsonPropertyName("controllerStorage")] public StorageSpec? ControllerStorage { get; init; }

    /// <summary>
    /// <c>metadata.uid</c> of the KafkaCluster this record was written for. The operator trusts the
    /// record only when it matches: a status sent with a create cannot know the uid, so it is not taken for the operator's.
    /// </summary>
    [JsonPropertyName("uid")] public string? Uid { get; init; }
}
