namespace Actors.Kubernetes;

public sealed class Toleration : KubernetesModel
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }
}

/// <summary>Pod affinity; node affinity is carried opaquely (only its unknown fields).</summary>
public sealed class Affinity : KubernetesModel
{
    public NodeAffinity? NodeAffinity { get; set; }
    public PodAffinity? PodAffinity { get; set; }
    public PodAffinity? PodAntiAffinity { get; set; }
}

/// <summary>Opaque: every field is preserved through <see cref="KubernetesModel.ExtensionData"/>.</summary>
public sealed class NodeAffinity : KubernetesModel;

/// <summary>The shape shared by podAffinity and podAntiAffinity.</summary>
public sealed class PodAffinity : KubernetesModel
{
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

public sealed class PodAffinityTerm : KubernetesModel
{
    public LabelSelector? LabelSelector { get; set; }
    public string TopologyKey { get; set; } = "";
    public List<string>? Namespaces { get; set; }
    public LabelSelector? NamespaceSelector { get; set; }
    public List<string>? MatchLabelKeys { get; set; }
}

public sealed class WeightedPodAffinityTerm : KubernetesModel
{
    public int Weight { get; set; }
    public PodAffinityTerm PodAffinityTerm { get; set; } = new();
}

public sealed class TopologySpreadConstraint : KubernetesModel
{
    public int MaxSkew { get; set; }
    public string TopologyKey { get; set; } = "";
    public string WhenUnsatisfiable { get; set; } = "";
    public LabelSelector? LabelSelector { get; set; }
    public int? MinDomains { get; set; }
    public List<string>? MatchLabelKeys { get; set; }
}

/// <summary>metav1.LabelSelector.</summary>
public sealed class LabelSelector : KubernetesModel
{
    public Dictionary<string, string>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed class LabelSelectorRequirement : KubernetesModel
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; set; }
}
