namespace Actors.Kubernetes;

/// <summary>core/v1 PersistentVolumeClaim.</summary>
public sealed class PersistentVolumeClaim : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", Namespaced: true);

    public PersistentVolumeClaim() { ApiVersion = "v1"; Kind = "PersistentVolumeClaim"; }

    public PersistentVolumeClaimSpec? Spec { get; set; }
    public PersistentVolumeClaimStatus? Status { get; set; }
}

public sealed class PersistentVolumeClaimSpec : KubernetesModel
{
    public List<string>? AccessModes { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public string? StorageClassName { get; set; }
    public string? VolumeMode { get; set; }
    public string? VolumeName { get; set; }
    public LabelSelector? Selector { get; set; }
}

public sealed class PersistentVolumeClaimStatus : KubernetesModel
{
    /// <summary>Pending, Bound or Lost.</summary>
    public string? Phase { get; set; }
    public List<string>? AccessModes { get; set; }
    public Dictionary<string, string>? Capacity { get; set; }
    public List<Condition>? Conditions { get; set; }
}
