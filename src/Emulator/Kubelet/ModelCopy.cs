namespace Actors.Emulator.Kubelet;

/// <summary>
/// A deep copy of a model through its JSON, so a decision computed from a cached object never
/// changes the informer's copy (the library's models have no deep clone of their own).
/// </summary>
internal static class ModelCopy
{
    public static T Of<T>(T value) => k8s.KubernetesJson.Deserialize<T>(k8s.KubernetesJson.Serialize(value));
}
