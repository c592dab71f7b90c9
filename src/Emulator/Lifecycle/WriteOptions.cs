namespace Actors.Emulator.Lifecycle;

/// <summary>How a write was asked for: by whom, under which field manager, dry run or not, and how strictly fields are checked.</summary>
public sealed record WriteOptions(string User, string FieldManager, bool DryRun = false, FieldValidation Validation = FieldValidation.Warn)
{
    /// <summary>The client's User-Agent, recorded in the audit log so the kubelet's writes are told from the operator's.</summary>
    public string? UserAgent { get; init; }

    /// <summary>What the response's Warning headers will say (unknown and duplicate fields under <see cref="FieldValidation.Warn"/>).</summary>
    public List<string> Warnings { get; init; } = [];
}

/// <summary>
/// The fieldValidation query parameter: what kube-apiserver does with unknown and duplicate fields.
/// Warn (its default) drops unknown fields, keeps the last of duplicates and says so in Warning headers;
/// Ignore does the same silently; Strict refuses the request.
/// </summary>
public enum FieldValidation { Warn, Ignore, Strict }

/// <summary>A delete's options (from the query string or a DeleteOptions body).</summary>
public sealed record DeleteOptions(
    string User, long? GracePeriodSeconds = null, string? PropagationPolicy = null, bool DryRun = false,
    string? PreconditionUid = null, string? PreconditionResourceVersion = null)
{
    public string? UserAgent { get; init; }
}
