namespace Actors.Kubernetes;

/// <summary>policy/v1 PodDisruptionBudget.</summary>
public sealed class PodDisruptionBudget : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", Namespaced: true);

    public PodDisruptionBudget() { ApiVersion = "policy/v1"; Kind = "PodDisruptionBudget"; }

    public PodDisruptionBudgetSpec? Spec { get; set; }
    public PodDisruptionBudgetStatus? Status { get; set; }
}

public sealed class PodDisruptionBudgetSpec : KubernetesModel
{
    public IntOrString? MinAvailable { get; set; }
    public IntOrString? MaxUnavailable { get; set; }
    public LabelSelector? Selector { get; set; }
    public string? UnhealthyPodEvictionPolicy { get; set; }
}

public sealed class PodDisruptionBudgetStatus : KubernetesModel
{
    public int CurrentHealthy { get; set; }
    public int DesiredHealthy { get; set; }
    public int DisruptionsAllowed { get; set; }
    public int ExpectedPods { get; set; }
    public long? ObservedGeneration { get; set; }
    public List<Condition>? Conditions { get; set; }
}
