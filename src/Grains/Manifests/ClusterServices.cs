using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>The cluster's two Services: the headless one behind every node's DNS name, and bootstrap for clients.</summary>
public static class ClusterServices
{
    /// <summary>
    /// Headless, publishing not-ready addresses: a controller must resolve its peers' names before
    /// any of them is Ready, or the quorum never forms.
    /// </summary>
    public static V1Service Headless(ClusterIdentity cluster, KafkaClusterSpec spec, ClusterOwner owner) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(cluster, cluster.HeadlessServiceName, "nodes", owner),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = OperatorLabels.NodeSelector(cluster),
            Ports = [.. new[] { KafkaListeners.Controller, KafkaListeners.Replication }.Concat(KafkaListeners.Client(spec)).Select(Port)],
        },
    };

    /// <summary>ClusterIP over the ready brokers' client listeners.</summary>
    public static V1Service Bootstrap(ClusterIdentity cluster, KafkaClusterSpec spec, ClusterOwner owner)
    {
        var selector = OperatorLabels.NodeSelector(cluster);
        selector[KafkaLabels.Role] = NodeRole.Broker.Word();
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Meta(cluster, cluster.BootstrapServiceName, "bootstrap", owner),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = selector,
                Ports = [.. KafkaListeners.Client(spec).Select(Port)],
            },
        };
    }

    private static V1ServicePort Port(KafkaListener listener) => new()
    {
        Name = listener.Name.ToLowerInvariant(),
        Port = listener.Port,
        TargetPort = listener.Port,
        Protocol = "TCP",
    };

    private static V1ObjectMeta Meta(ClusterIdentity cluster, string name, string component, ClusterOwner owner) => new()
    {
        Name = name,
        NamespaceProperty = cluster.Namespace,
        Labels = OperatorLabels.Cluster(cluster, component),
        OwnerReferences = [owner.Reference()],
    };
}
