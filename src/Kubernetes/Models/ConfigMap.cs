namespace Actors.Kubernetes;

/// <summary>core/v1 ConfigMap.</summary>
public sealed class ConfigMap : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    public ConfigMap() { ApiVersion = "v1"; Kind = "ConfigMap"; }

    public Dictionary<string, string>? Data { get; set; }
    /// <summary>Base64 on the wire; bytes here.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; set; }
    public bool? Immutable { get; set; }
}
