namespace Actors.Kubernetes;

/// <summary>metav1.DeleteOptions, sent as the DELETE body.</summary>
public sealed class DeleteOptions : KubernetesModel
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "DeleteOptions";
    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; set; }
    public long? GracePeriodSeconds { get; set; }
    public Preconditions? Preconditions { get; set; }
    public List<string>? DryRun { get; set; }

    public static DeleteOptions Background => new() { PropagationPolicy = "Background" };
    public static DeleteOptions Foreground => new() { PropagationPolicy = "Foreground" };
    public static DeleteOptions Orphan => new() { PropagationPolicy = "Orphan" };
}

/// <summary>Delete only if the object still has this uid / resourceVersion.</summary>
public sealed class Preconditions : KubernetesModel
{
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}
