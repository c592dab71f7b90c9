namespace Actors.Contracts.Kafka;

/// <summary>Condition types on <c>status.conditions</c>, following the Kubernetes convention.</summary>
public static class KafkaConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
    public const string ReconciliationPaused = "ReconciliationPaused";
}

/// <summary>CamelCase reasons carried by the conditions.</summary>
public static class KafkaConditionReasons
{
    public const string InvalidSpec = "InvalidSpec";
    public const string AllNodesReady = "AllNodesReady";
    public const string NodesNotReady = "NodesNotReady";
    public const string NodesUnavailable = "NodesUnavailable";
    public const string StartingUp = "StartingUp";
    public const string ScalingOut = "ScalingOut";
    public const string ScalingIn = "ScalingIn";
    public const string RollingUpdate = "RollingUpdate";
    public const string RaisingMetadataVersion = "RaisingMetadataVersion";
    public const string ShuttingDown = "ShuttingDown";
    public const string RollBlocked = "RollBlocked";
    public const string ScaleDownBlocked = "ScaleDownBlocked";
    public const string MetadataVersionBlocked = "MetadataVersionBlocked";
    public const string Idle = "Idle";
    public const string Paused = "Paused";
    public const string NotPaused = "NotPaused";
    public const string Healthy = "Healthy";
}

public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
