using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Actors.Contracts.Kafka.Schema;

namespace Actors.Contracts.Kafka;

/// <summary>The cluster as the operator last observed it; written only by the operator.</summary>
public sealed record KafkaClusterStatus
{
    /// <summary>The metadata.generation of the spec this status describes; behind it, the operator has not yet looked at the latest change.</summary>
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }

    /// <summary>Ready, Progressing, Degraded, ReconciliationPaused, RollBlocked, ScaleDownBlocked and MetadataVersionBlocked, each with a reason and a message.</summary>
    [JsonPropertyName("conditions")]
    [ListMap("type")]
    public List<ClusterCondition>? Conditions { get; init; }

    /// <summary>KRaft cluster id (base64 UUID), generated once; every node's storage is formatted with it.</summary>
    [JsonPropertyName("clusterId")] public string? ClusterId { get; init; }

    /// <summary>Every node, controllers then brokers by ordinal, with its pod, phase and revision.</summary>
    [JsonPropertyName("nodes")] public List<NodeStatus>? Nodes { get; init; }

    /// <summary>Brokers that are Ready at their desired revision.</summary>
    [JsonPropertyName("readyBrokers")] public int? ReadyBrokers { get; init; }

    /// <summary>Controllers that are Ready at their desired revision.</summary>
    [JsonPropertyName("readyControllers")] public int? ReadyControllers { get; init; }

    /// <summary>Brokers the spec asks for.</summary>
    [JsonPropertyName("brokers")] public int? Brokers { get; init; }

    /// <summary>Controllers the spec asks for.</summary>
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
    /// <summary>What the condition is about: Ready, Progressing, Degraded, ReconciliationPaused, RollBlocked, ScaleDownBlocked or MetadataVersionBlocked.</summary>
    [JsonPropertyName("type")]
    [Required]
    public string Type { get; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    [JsonPropertyName("status")]
    [Required]
    [AllowedValues(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown)]
    public string Status { get; init; } = ConditionStatus.Unknown;

    /// <summary>The metadata.generation the condition was set for.</summary>
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }

    /// <summary>RFC 3339 time, UTC, seconds precision (<c>2026-01-02T03:04:05Z</c>).</summary>
    [JsonPropertyName("lastTransitionTime")] public string? LastTransitionTime { get; init; }
    /// <summary>Why, in one CamelCase word, e.g. InvalidSpec or RollingUpdate.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>What happened and what to do, in a sentence that names the field or object concerned.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>One Kafka node as last observed.</summary>
public sealed record NodeStatus
{
    /// <summary>The node's ordinal within its role, from 0; part of its pod name.</summary>
    [JsonPropertyName("ordinal")] public int Ordinal { get; init; }

    /// <summary><c>broker</c> or <c>controller</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "";
    /// <summary>Kafka's node.id, derived from role and ordinal (brokers from 0, controllers from 1000); never reused by another node.</summary>
    [JsonPropertyName("nodeId")] public int NodeId { get; init; }

    /// <summary>The node's pod, &lt;cluster&gt;-&lt;role&gt;-&lt;ordinal&gt;.</summary>
    [JsonPropertyName("pod")] public string Pod { get; init; } = "";

    /// <summary>Pending, Starting, Ready, Failed, Terminating or Absent.</summary>
    [JsonPropertyName("phase")] public string Phase { get; init; } = "";
    /// <summary>Hash of the pod template the node runs; it differs from the desired one while a roll has not reached the node.</summary>
    [JsonPropertyName("revision")] public string? Revision { get; init; }

    /// <summary>Whether the pod is Ready.</summary>
    [JsonPropertyName("ready")] public bool Ready { get; init; }
}

/// <summary>The Day-2 operation the coordinator is carrying out.</summary>
public sealed record OperationStatus
{
    /// <summary>StartUp, ScaleOut, ScaleIn, Roll, RaiseMetadataVersion or ShutDown.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    /// <summary>When the operation began (RFC 3339, UTC).</summary>
    [JsonPropertyName("startedAt")] public string? StartedAt { get; init; }

    /// <summary>Nodes done out of nodes concerned, e.g. <c>2/6</c>.</summary>
    [JsonPropertyName("progress")] public string? Progress { get; init; }
    /// <summary>What the operation is doing now, or waiting for.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>Facts about the running cluster that a later spec is checked against.</summary>
public sealed record AppliedSpec
{
    /// <summary>The Kafka version every node runs.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>The finalized KRaft metadata version, e.g. <c>3.9-IV0</c>; downgrades below it are refused.</summary>
    [JsonPropertyName("metadataVersion")] public string? MetadataVersion { get; init; }

    /// <summary>The size of the controller quorum, which cannot change while the cluster runs.</summary>
    [JsonPropertyName("controllerReplicas")] public int? ControllerReplicas { get; init; }

    /// <summary>The brokers' volume size and class, which may grow and never shrink or change class.</summary>
    [JsonPropertyName("brokerStorage")] public StorageSpec? BrokerStorage { get; init; }

    /// <summary>The controllers' volume size and class, which may grow and never shrink or change class.</summary>
    [JsonPropertyName("controllerStorage")] public StorageSpec? ControllerStorage { get; init; }

    /// <summary>
    /// <c>metadata.uid</c> of the KafkaCluster this record was written for. The operator trusts the
    /// record only when it matches: a status sent with a create cannot know the uid, so it is not taken for the operator's.
    /// </summary>
    [JsonPropertyName("uid")] public string? Uid { get; init; }
}
