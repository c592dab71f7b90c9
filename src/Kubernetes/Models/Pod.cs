namespace Actors.Kubernetes;

/// <summary>core/v1 Pod.</summary>
public sealed class Pod : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Pod", "pods", Namespaced: true);

    public Pod() { ApiVersion = "v1"; Kind = "Pod"; }

    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}

public sealed class PodSpec : KubernetesModel
{
    public List<Container> Containers { get; set; } = [];
    public List<Container>? InitContainers { get; set; }
    public List<Volume>? Volumes { get; set; }
    public string? NodeName { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public List<Toleration>? Tolerations { get; set; }
    public Affinity? Affinity { get; set; }
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    public PodSecurityContext? SecurityContext { get; set; }
    public string? Hostname { get; set; }
    public string? Subdomain { get; set; }
    public List<PodReadinessGate>? ReadinessGates { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public string? RestartPolicy { get; set; }
    public string? PriorityClassName { get; set; }
    public string? SchedulerName { get; set; }
    public bool? EnableServiceLinks { get; set; }
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }
}

public sealed class PodReadinessGate : KubernetesModel
{
    public string ConditionType { get; set; } = "";
}

public sealed class LocalObjectReference : KubernetesModel
{
    public string? Name { get; set; }
}

public sealed class PodSecurityContext : KubernetesModel
{
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public long? FsGroup { get; set; }
    public string? FsGroupChangePolicy { get; set; }
    public List<long>? SupplementalGroups { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
}

public sealed class SeccompProfile : KubernetesModel
{
    public string Type { get; set; } = "RuntimeDefault";
    public string? LocalhostProfile { get; set; }
}
