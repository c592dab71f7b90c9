using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Emulator.Audit;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>One pod instance being deleted, as the API server committed it.</summary>
public sealed record AuditedDeletion(long Sequence, DateTimeOffset Time, string Pod, string Uid, string? Revision);

/// <summary>
/// The pods of one namespace replayed from the emulator's audit log — every committed write, in
/// commit order, whoever made it. Answers what a rollout promises from the API server's own
/// record: which pod instances were deleted (the first write that set their deletionTimestamp),
/// and how many members were unavailable (absent, not Ready, or terminating) at any one time.
/// Pure over the records it is given.
/// </summary>
public sealed class PodAudit(IReadOnlyList<AuditRecord> records, string ns)
{
    private IEnumerable<AuditRecord> Pods(long after) =>
        records.Where(r => r.Resource == "pods" && r.Group == "" && r.Namespace == ns && r.Sequence > after && r.Subresource is not "binding");

    /// <summary>Every pod instance whose deletion was committed after <paramref name="after"/>, once each, in order.</summary>
    public IReadOnlyList<AuditedDeletion> Deletions(long after)
    {
        var deleted = new List<AuditedDeletion>();
        var seen = new HashSet<string>();
        foreach (var record in Pods(after))
        {
            var metadata = record.Object["metadata"];
            var uid = (string?)metadata?["uid"] ?? "";
            if (metadata?["deletionTimestamp"] is null && !record.Removed) continue;
            if (seen.Add(uid)) deleted.Add(new AuditedDeletion(record.Sequence, record.Time, record.Name, uid, Revision(record.Object)));
        }

        return deleted;
    }

    /// <summary>
    /// The most of <paramref name="members"/> unavailable at once, replaying every pod write from
    /// the start of the log and counting from <paramref name="after"/> on.
    /// </summary>
    public (int Most, long At) MostUnavailable(IReadOnlyCollection<string> members, long after)
    {
        var current = new Dictionary<string, JsonObject>();
        var (most, at) = (-1, 0L);
        foreach (var record in Pods(0))
        {
            if (record.Removed) current.Remove(record.Name);
            else current[record.Name] = record.Object;
            if (record.Sequence <= after) continue;
            var unavailable = members.Count(m => !current.TryGetValue(m, out var pod) || !IsAvailable(pod));
            if (unavailable > most) (most, at) = (unavailable, record.Sequence);
        }

        return (Math.Max(most, 0), at);
    }

    public static bool IsAvailable(JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is null
        && (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True");

    public static string? Revision(JsonObject pod) => (string?)pod["metadata"]?["annotations"]?[KafkaAnnotations.Revision];
}
