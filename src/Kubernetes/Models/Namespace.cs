namespace Actors.Kubernetes;

/// <summary>core/v1 Namespace (cluster-scoped).</summary>
public sealed class Namespace : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    public Namespace() { ApiVersion = "v1"; Kind = "Namespace"; }

    public NamespaceSpec? Spec { get; set; }
    public NamespaceStatus? Status { get; set; }
}

public sealed class NamespaceSpec : KubernetesModel
{
    public List<string>? Finalizers { get; set; }
}

public sealed class NamespaceStatus : KubernetesModel
{
    /// <summary>Active or Terminating.</summary>
    public string? Phase { get; set; }
}
