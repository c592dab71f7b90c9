namespace Actors.Contracts.Kafka;

/// <summary>Annotations users set on the CR, and those the operator sets on what it creates.</summary>
public static class KafkaAnnotations
{
    /// <summary>On the CR: <c>"true"</c> stops every change to the cluster until removed.</summary>
    public const string PauseReconciliation = KafkaClusterResource.Group + "/pause-reconciliation";

    /// <summary>On the CR: setting a new value requests one rolling restart of every node.</summary>
    public const string RestartAt = KafkaClusterResource.Group + "/restart-at";

    /// <summary>
    /// On the CR: <c>"true"</c> skips the Kafka safety checks (ISR, quorum, replicas) before a restart or
    /// removal; readiness still gates every step, and each skipped check is recorded in an Event.
    /// </summary>
    public const string SkipKafkaChecks = KafkaClusterResource.Group + "/skip-kafka-checks";

    /// <summary>On a pod: the hash of the template it was rendered from.</summary>
    public const string Revision = KafkaClusterResource.Group + "/revision";

    public static bool IsPaused(IReadOnlyDictionary<string, string>? annotations) => IsTrue(annotations, PauseReconciliation);

    public static bool SkipsKafkaChecks(IReadOnlyDictionary<string, string>? annotations) => IsTrue(annotations, SkipKafkaChecks);

    private static bool IsTrue(IReadOnlyDictionary<string, string>? annotations, string key) =>
        annotations is not null
        && annotations.TryGetValue(key, out var value)
        && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
