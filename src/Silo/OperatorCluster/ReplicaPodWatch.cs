using k8s;
using Orleans.Hosting;

namespace Actors.Silo.OperatorCluster;

/// <summary>
/// Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes) on a replica that runs in a
/// pod. Two of the Active replicas watch the replicas' pods: when one is deleted (a node drained, a
/// rollout, `kubectl delete pod`), its silo is declared dead at once instead of after its probes
/// have gone unanswered, and its clusters are reactivated on the others that much sooner; a replica
/// that starts declares dead any Active silo left in the table without a pod. It labels its own pod
/// with the operator cluster's ids (orleans/serviceId, orleans/clusterId), which is how the watch
/// finds the replicas.
/// </summary>
public static class ReplicaPodWatch
{
    /// <summary>Whether the downward API told this process the pod it runs in.</summary>
    public static bool InPod(Func<string, string?> variable) =>
        variable("POD_NAME") is { Length: > 0 } && variable("POD_NAMESPACE") is { Length: > 0 };

    /// <summary>
    /// Registers the agent on the silo's services. It reads POD_NAME, POD_NAMESPACE and POD_IP itself
    /// and uses the operator's own client configuration (not the in-cluster default, so a
    /// kubeconfig given to the replica is honoured). A pod of a silo Orleans has declared dead is
    /// not deleted: the Deployment owns the replicas' pods, and a silo declared dead stops by itself.
    /// </summary>
    public static IServiceCollection AddReplicaPodWatch(this IServiceCollection services, KubernetesClientConfiguration configuration) =>
        services.UseKubernetesHosting(hosting => hosting.Configure(o =>
        {
            o.GetClientConfiguration = () => configuration;
            o.DeleteDefunctSiloPods = false;
        }));
}
