namespace Actors.Kubernetes;

/// <summary>core/v1 Service.</summary>
public sealed class Service : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Service", "services", Namespaced: true);

    public Service() { ApiVersion = "v1"; Kind = "Service"; }

    public ServiceSpec? Spec { get; set; }
    public ServiceStatus? Status { get; set; }
}

public sealed class ServiceSpec : KubernetesModel
{
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; set; }
    /// <summary>"None" makes a headless Service (per-pod DNS records).</summary>
    public string? ClusterIP { get; set; }
    public List<string>? ClusterIPs { get; set; }
    public List<ServicePort>? Ports { get; set; }
    public Dictionary<string, string>? Selector { get; set; }
    public bool? PublishNotReadyAddresses { get; set; }
    public string? SessionAffinity { get; set; }
    public string? ExternalTrafficPolicy { get; set; }
    public string? InternalTrafficPolicy { get; set; }
    public List<string>? IpFamilies { get; set; }
    public string? IpFamilyPolicy { get; set; }
}

public sealed class ServicePort : KubernetesModel
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public int Port { get; set; }
    public IntOrString? TargetPort { get; set; }
    public int? NodePort { get; set; }
    public string? AppProtocol { get; set; }
}

/// <summary>Load-balancer ingress and conditions, carried opaquely.</summary>
public sealed class ServiceStatus : KubernetesModel;
