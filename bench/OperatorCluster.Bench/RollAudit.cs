using Actors.Emulator.Audit;

namespace Actors.OperatorCluster.Bench;

/// <summary>
/// What the operator (not the kubelet, not the bench) wrote for one cluster, from the emulator's
/// audit log: the operator's requests carry its user agent, the kubelet's their own.
/// </summary>
public static class RollAudit
{
    public const string OperatorAgent = "actors-operator/";

    public static bool IsOperators(AuditRecord record) => record.UserAgent?.StartsWith(OperatorAgent, StringComparison.Ordinal) == true;

    /// <summary>The operator's writes to <paramref name="cluster"/>'s pods after audit record <paramref name="after"/>.</summary>
    public static IEnumerable<AuditRecord> PodSteps(IEnumerable<AuditRecord> records, string cluster, long after) =>
        records.Where(r => r.Sequence > after && r.Resource == "pods" && r.Namespace == ReplicaWorld.Namespace
                           && r.Name.StartsWith(cluster + "-", StringComparison.Ordinal) && IsOperators(r) && r.Subresource is null);

    /// <summary>Pod instances (name, uid) the operator deleted after <paramref name="after"/>.</summary>
    public static IReadOnlyList<(string Pod, string Uid)> Deletions(IEnumerable<AuditRecord> records, string cluster, long after) =>
        [.. PodSteps(records, cluster, after).Where(r => r.Verb == "delete")
            .Select(r => (r.Name, (string?)r.Object["metadata"]?["uid"] ?? "")).Distinct()];
}
