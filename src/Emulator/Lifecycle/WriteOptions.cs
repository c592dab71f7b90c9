namespace Actors.Emulator.Lifecycle;

/// <summary>How a write was asked for: by whom, under which field manager, dry run or not, strict field validation or not.</summary>
public sealed record WriteOptions(string User, string FieldManager, bool DryRun = false, bool StrictFields = false);

/// <summary>A delete's options (from the query string or a DeleteOptions body).</summary>
public sealed record DeleteOptions(
    string User, long? GracePeriodSeconds = null, string? PropagationPolicy = null, bool DryRun = false,
    string? PreconditionUid = null, string? PreconditionResourceVersion = null);
