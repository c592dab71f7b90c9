using k8s.Models;

namespace Actors.Storage.GrainState;

/// <summary>
/// The ConfigMap that holds a grain's state, and what it is created with: labels that say whose it
/// is, and the owner (the custom resource) whose deletion takes the state with it.
/// </summary>
public sealed record GrainStateLocation(
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string>? Labels = null,
    V1OwnerReference? Owner = null);
