namespace Actors.Kubernetes;

/// <summary>Anything with apiVersion, kind and metadata: the shape every verb works on.</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; set; }
    string? Kind { get; set; }
    ObjectMeta Metadata { get; set; }
}

/// <summary>A kind that knows where it lives in the API, so verbs can be generic over it.</summary>
public interface IKubernetesResource : IKubernetesObject
{
    static abstract ResourceType ResourceType { get; }
}

/// <summary>A top-level API object.</summary>
public abstract class KubernetesObject : KubernetesModel, IKubernetesObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>"namespace/name" (or "name" when cluster-scoped), the usual cache key.</summary>
    public override string ToString() => Metadata.Namespace is { Length: > 0 } ns ? $"{ns}/{Metadata.Name}" : Metadata.Name ?? "";
}
