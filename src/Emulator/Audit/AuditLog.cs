using System.Text.Json.Nodes;

namespace Actors.Emulator.Audit;

/// <summary>
/// Every write the emulator committed, in order. End-to-end tests read it to prove orderings
/// ("pod 1 was created only after pod 0 became Ready") from what the API server actually saw.
/// </summary>
public sealed class AuditLog
{
    readonly object gate = new();
    readonly List<AuditRecord> records = new();

    public IReadOnlyList<AuditRecord> Records { get { lock (gate) return records.ToList(); } }

    /// <summary>Writes to one resource, optionally of one namespace or name, in commit order.</summary>
    public IReadOnlyList<AuditRecord> For(string resource, string? ns = null, string? name = null) =>
        Records.Where(r => r.Resource == resource && (ns is null || r.Namespace == ns) && (name is null || r.Name == name)).ToList();

    internal void Add(DateTimeOffset time, string verb, string group, string resource, string? ns, string name,
        string? subresource, string resourceVersion, string user, JsonObject obj, bool removed, string? userAgent = null)
    {
        lock (gate)
            records.Add(new AuditRecord(records.Count + 1, time, verb, group, resource, ns, name, subresource, resourceVersion, user, obj)
            {
                Removed = removed,
                UserAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent,
            });
    }

    public void Clear() { lock (gate) records.Clear(); }
}
