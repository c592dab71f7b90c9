namespace Actors.Kubernetes;

/// <summary>metav1.Condition, the convention custom resources (and newer built-ins) follow.</summary>
public sealed class Condition : KubernetesModel
{
    public string Type { get; set; } = "";
    /// <summary>True, False or Unknown.</summary>
    public string Status { get; set; } = "Unknown";
    public long? ObservedGeneration { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>CamelCase, machine-readable.</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
