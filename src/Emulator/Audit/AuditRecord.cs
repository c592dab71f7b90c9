using System.Text.Json.Nodes;

namespace Actors.Emulator.Audit;

/// <summary>
/// One committed write, in commit order: what changed, how, by whom, the resourceVersion it produced
/// and the object as stored by it (as it was when removed, for a final delete), so ordering proofs can
/// ask "was pod 0 Ready when pod 1 was created?" from the log alone. Treat <see cref="Object"/> as read-only.
/// </summary>
public sealed record AuditRecord(
    long Sequence, DateTimeOffset Time, string Verb, string Group, string Resource, string? Namespace, string Name,
    string? Subresource, string ResourceVersion, string User, JsonObject Object)
{
    /// <summary>True when this write removed the object from the store (not just marked it deleting).</summary>
    public bool Removed { get; init; }

    /// <summary>The User-Agent of the request that made this write; null for the emulator's own controllers.</summary>
    public string? UserAgent { get; init; }
}
