namespace Actors.Kubernetes;

/// <summary>core/v1 Secret.</summary>
public sealed class Secret : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Secret", "secrets", Namespaced: true);

    public Secret() { ApiVersion = "v1"; Kind = "Secret"; }

    /// <summary>Base64 on the wire; the decoded bytes here.</summary>
    public Dictionary<string, byte[]>? Data { get; set; }
    /// <summary>Write-only convenience: the server merges it into data.</summary>
    public Dictionary<string, string>? StringData { get; set; }
    public string? Type { get; set; }
    public bool? Immutable { get; set; }
}
