namespace Actors.Storage.Membership;

/// <summary>
/// Where the Orleans membership table lives in the Kubernetes API: one ConfigMap per Orleans
/// ClusterId, named <see cref="ObjectNamePrefix"/> + the cluster id, in <see cref="Namespace"/>.
/// The client is the <c>IKubernetes</c> of the silo's container.
/// </summary>
public sealed class KubernetesClusteringOptions
{
    /// <summary>The namespace of the membership ConfigMap; for the operator, its own namespace. Required.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>Prefix of the ConfigMap's name; the Orleans ClusterId follows it.</summary>
    public string ObjectNamePrefix { get; set; } = "orleans-membership-";

    /// <summary>The field manager the writes are recorded under (managedFields).</summary>
    public string FieldManager { get; set; } = "orleans-membership";

    /// <summary>
    /// How many times one operation re-reads the table after another silo's write got in first.
    /// A conflict only means the object moved on (often a heartbeat): the operation is decided again
    /// on the fresh table, so this bounds contention, not correctness.
    /// </summary>
    public int ConflictRetries { get; set; } = 10;
}
