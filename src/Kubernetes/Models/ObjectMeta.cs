using System.Text.Json;

namespace Actors.Kubernetes;

/// <summary>metav1.ObjectMeta: identity, labels and the bookkeeping the API server maintains.</summary>
public sealed class ObjectMeta : KubernetesModel
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    /// <summary>Opaque: compare only for equality, never order.</summary>
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public long? DeletionGracePeriodSeconds { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public List<OwnerReference>? OwnerReferences { get; set; }
    public List<string>? Finalizers { get; set; }
    /// <summary>Kept opaque: only the server and apply tooling read it.</summary>
    public JsonElement? ManagedFields { get; set; }
}

public sealed class OwnerReference : KubernetesModel
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Uid { get; set; } = "";
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>metav1.ListMeta: the list's resourceVersion (where a watch starts) and the paging token.</summary>
public sealed class ListMeta : KubernetesModel
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
}
