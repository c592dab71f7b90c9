namespace Actors.Kubernetes;

/// <summary>
/// Any object, typed only as far as apiVersion, kind and metadata: spec, status and everything
/// else travel in <see cref="KubernetesModel.ExtensionData"/>. Use with an explicit
/// <see cref="ResourceType"/> for kinds the client has no class for.
/// </summary>
public sealed class GenericResource : KubernetesObject;
