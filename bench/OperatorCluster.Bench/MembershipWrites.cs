using System.Text.Json.Nodes;
using Actors.Emulator.Audit;

namespace Actors.OperatorCluster.Bench;

/// <summary>
/// Tells the membership ConfigMap's writes apart from the audit log: a heartbeat changes one
/// row's iAmAliveTime and no etag, so it is that row's silo's; any other write (join, status,
/// suspicion, death) moves the table's versionEtag and is counted as a change.
/// </summary>
public static class MembershipWrites
{
    public static (IReadOnlyDictionary<string, int> HeartbeatsBySilo, int Changes) Of(IReadOnlyList<AuditRecord> records, long after)
    {
        var heartbeats = new Dictionary<string, int>();
        var changes = 0;
        JsonObject? previous = null;
        foreach (var record in records.Where(r => r.Resource == "configmaps" && r.Name == ReplicaWorld.MembershipConfigMap))
        {
            var table = Table(record);
            if (record.Sequence > after)
            {
                if (previous is not null && table is not null && (string?)previous["versionEtag"] == (string?)table["versionEtag"]
                    && BeatingSilo(previous, table) is { } silo)
                    heartbeats[silo] = heartbeats.GetValueOrDefault(silo) + 1;
                else
                    changes++;
            }
            previous = table;
        }
        return (heartbeats, changes);
    }

    private static JsonObject? Table(AuditRecord record) =>
        record.Object["data"]?["membership.json"] is JsonValue json && json.TryGetValue<string>(out var text) ? JsonNode.Parse(text) as JsonObject : null;

    /// <summary>The one silo whose iAmAliveTime moved between the two tables, if exactly one did.</summary>
    private static string? BeatingSilo(JsonObject before, JsonObject after)
    {
        var old = (before["silos"] as JsonArray ?? []).ToDictionary(s => (string)s!["address"]!, s => (string?)s!["iAmAliveTime"]);
        var moved = (after["silos"] as JsonArray ?? [])
            .Where(s => old.GetValueOrDefault((string)s!["address"]!) != (string?)s!["iAmAliveTime"])
            .Select(s => (string?)s!["siloName"]).ToList();
        return moved.Count == 1 ? moved[0] : null;
    }
}
