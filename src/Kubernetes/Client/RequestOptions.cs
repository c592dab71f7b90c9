namespace Actors.Kubernetes;

/// <summary>Query parameters of a list (and of the list behind a watch or an informer).</summary>
public sealed record ListOptions
{
    /// <summary>"app.kubernetes.io/instance=demo,app.kubernetes.io/component in (broker)".</summary>
    public string? LabelSelector { get; init; }
    /// <summary>"metadata.name=demo", "spec.nodeName=node-1".</summary>
    public string? FieldSelector { get; init; }
    /// <summary>Page size; the answer carries metadata.continue when more remain.</summary>
    public long? Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
    /// <summary>Exact or NotOlderThan, with <see cref="ResourceVersion"/>.</summary>
    public string? ResourceVersionMatch { get; init; }
    public long? TimeoutSeconds { get; init; }
}

/// <summary>Query parameters of create and replace.</summary>
public sealed record WriteOptions
{
    public string? FieldManager { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Ignore, Warn or Strict.</summary>
    public string? FieldValidation { get; init; }
}

/// <summary>Query parameters of a patch; <see cref="Force"/> only means something for server-side apply.</summary>
public sealed record PatchOptions
{
    public string? FieldManager { get; init; }
    public bool Force { get; init; }
    public bool DryRun { get; init; }
    public string? FieldValidation { get; init; }
}
