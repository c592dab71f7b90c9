namespace Actors.Kubernetes;

/// <summary>
/// A custom resource with a typed spec and status. A concrete kind derives from it and supplies
/// its descriptor by implementing <see cref="IKubernetesResource"/>, e.g.
/// <c>class KafkaCluster : CustomResource&lt;KafkaClusterSpec, KafkaClusterStatus&gt;, IKubernetesResource</c>;
/// or use the verbs with an explicit <see cref="ResourceType"/>.
/// </summary>
public class CustomResource<TSpec, TStatus> : KubernetesObject
    where TSpec : class
    where TStatus : class
{
    public TSpec? Spec { get; set; }
    public TStatus? Status { get; set; }
}
