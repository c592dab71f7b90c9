namespace Actors.Kubernetes;

/// <summary>A pod volume; sources the operator does not use (projected, downwardAPI…) survive as unknown fields.</summary>
public sealed class Volume : KubernetesModel
{
    public string Name { get; set; } = "";
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    public ConfigMapVolumeSource? ConfigMap { get; set; }
    public SecretVolumeSource? Secret { get; set; }
    public EmptyDirVolumeSource? EmptyDir { get; set; }
}

public sealed class PersistentVolumeClaimVolumeSource : KubernetesModel
{
    public string ClaimName { get; set; } = "";
    public bool? ReadOnly { get; set; }
}

public sealed class ConfigMapVolumeSource : KubernetesModel
{
    public string? Name { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

public sealed class SecretVolumeSource : KubernetesModel
{
    public string? SecretName { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

public sealed class KeyToPath : KubernetesModel
{
    public string Key { get; set; } = "";
    public string Path { get; set; } = "";
    public int? Mode { get; set; }
}

public sealed class EmptyDirVolumeSource : KubernetesModel
{
    public string? Medium { get; set; }
    public string? SizeLimit { get; set; }
}
