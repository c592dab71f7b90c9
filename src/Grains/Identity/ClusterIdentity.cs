namespace Actors.Grains.Identity;

/// <summary>
/// A Kafka cluster's names: the CR's namespace and name, and the names of the shared objects
/// derived from it. Node names come from <see cref="NodeIdentity"/>.
/// </summary>
[GenerateSerializer, Alias("actors.ClusterIdentity")]
public sealed record ClusterIdentity(string Namespace, string Name)
{
    /// <summary>Longest cluster name accepted, so that every derived name stays a valid DNS label (63).</summary>
    public const int MaxNameLength = 40;

    /// <summary>Default Kubernetes cluster DNS domain.</summary>
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>Headless Service that gives every node its stable DNS name (publishes not-ready addresses).</summary>
    public string HeadlessServiceName => $"{Name}-nodes";

    /// <summary>ClusterIP Service over the ready brokers, for clients.</summary>
    public string BootstrapServiceName => $"{Name}-bootstrap";

    public string DisruptionBudgetName => $"{Name}-nodes";

    /// <summary>The grain key: <c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    public string BootstrapHost(string clusterDomain = DefaultClusterDomain) =>
        $"{BootstrapServiceName}.{Namespace}.svc.{clusterDomain}";

    public NodeIdentity Node(NodeKey key) => new(this, key);

    public override string ToString() => Key;
}
