using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

/// <summary>coordination.k8s.io/v1 Lease (leader election).</summary>
public sealed class Lease : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true);

    public Lease() { ApiVersion = "coordination.k8s.io/v1"; Kind = "Lease"; }

    public LeaseSpec? Spec { get; set; }
}

public sealed class LeaseSpec : KubernetesModel
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
}
