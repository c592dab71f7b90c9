using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Actors.Kubernetes;

/// <summary>
/// The <see cref="ResourceType"/> of a model class, read from the library's
/// <see cref="KubernetesEntityAttribute"/>. The attribute does not say whether a kind is
/// namespaced, so the few cluster-scoped kinds the operator touches are named here.
/// </summary>
public static class ResourceTypes
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "CustomResourceDefinition", "StorageClass",
        "ClusterRole", "ClusterRoleBinding", "PriorityClass", "APIService", "CSIDriver", "CSINode",
        "VolumeAttachment", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    };

    private static readonly ConcurrentDictionary<Type, ResourceType> Known = new();

    public static ResourceType Of<T>() => Of(typeof(T));

    public static ResourceType Of(Type type) => Known.GetOrAdd(type, static t =>
    {
        var entity = t.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{t.Name} has no [KubernetesEntity] attribute: its place in the API is unknown.");
        return new ResourceType(entity.Group ?? "", entity.ApiVersion, entity.Kind, entity.PluralName, !ClusterScoped.Contains(entity.Kind));
    });
}
