namespace Actors.Emulator.Audit;

/// <summary>One committed write, in commit order: what changed, how, by whom, and the resourceVersion it produced.</summary>
public sealed record AuditRecord(
    long Sequence, DateTimeOffset Time, string Verb, string Group, string Resource, string? Namespace, string Name,
    string? Subresource, string ResourceVersion, string User);
