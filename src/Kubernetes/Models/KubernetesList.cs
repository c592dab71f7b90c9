namespace Actors.Kubernetes;

/// <summary>A list of any kind (PodList, ServiceList, KafkaClusterList…): items plus ListMeta.</summary>
public sealed class KubernetesList<T> : KubernetesModel
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<T> Items { get; set; } = [];
}
