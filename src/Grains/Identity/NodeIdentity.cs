namespace Actors.Grains.Identity;

/// <summary>
/// The sticky identity of one Kafka node: the same pod name, DNS name, node id and volume for
/// every pod that ever plays this part, so a replacement pod is the same Kafka node.
/// </summary>
[GenerateSerializer, Alias("actors.NodeIdentity")]
public sealed record NodeIdentity(ClusterIdentity Cluster, NodeKey Key)
{
    /// <summary>
    /// Node ids are unique across roles: brokers take <c>0..999</c> (the ordinal, as users read
    /// broker ids in partition assignments), controllers <c>1000..1008</c>.
    /// </summary>
    public const int ControllerNodeIdBase = 1000;

    /// <summary>Brokers allowed, so that broker ids never reach the controllers' range.</summary>
    public const int MaxBrokers = ControllerNodeIdBase;

    public NodeRole Role => Key.Role;
    public int Ordinal => Key.Ordinal;

    /// <summary><c>&lt;cluster&gt;-&lt;role&gt;-&lt;n&gt;</c>, e.g. <c>demo-broker-2</c>.</summary>
    public string PodName => $"{Cluster.Name}-{Role.Word()}-{Ordinal}";

    /// <summary><c>data-&lt;cluster&gt;-&lt;role&gt;-&lt;n&gt;</c>; created once, reattached to every replacement pod.</summary>
    public string PvcName => $"data-{PodName}";

    /// <summary><c>&lt;pod&gt;-config</c>: the node's own server.properties, rewritten only when its pod is recreated.</summary>
    public string ConfigMapName => $"{PodName}-config";

    public int NodeId => Role == NodeRole.Broker ? Ordinal : ControllerNodeIdBase + Ordinal;

    /// <summary>Stable DNS name under the headless Service; resolvable before the pod is Ready.</summary>
    public string Host(string clusterDomain = ClusterIdentity.DefaultClusterDomain) =>
        $"{PodName}.{Cluster.HeadlessServiceName}.{Cluster.Namespace}.svc.{clusterDomain}";

    /// <summary>The grain key of the node's grain: <c>namespace/name/role-ordinal</c>.</summary>
    public string GrainKey => $"{Cluster.Key}/{Role.Word()}-{Ordinal}";

    public override string ToString() => $"{Cluster.Key} {Key}";
}
