using Actors.Grains.Identity;

namespace Actors.Grains.Hosting;

/// <summary>How the operator runs: what it watches, how it writes, how often it looks again.</summary>
public sealed class KafkaOperatorOptions
{
    /// <summary>
    /// Only KafkaClusters of these namespaces, each watched on its own (one list and watch per
    /// namespace and kind, into one cache); empty watches every namespace.
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; set; } = [];

    /// <summary>The fieldManager of every write (server-side apply ownership).</summary>
    public string FieldManager { get; set; } = "actors-operator";

    /// <summary>Install (or update) the KafkaCluster CRD at start-up; needs RBAC on customresourcedefinitions.</summary>
    public bool InstallCrd { get; set; }

    /// <summary>A cluster at rest is reconciled again this often even without events (level-based safety net).</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A cluster with an operation in flight (or a wait, or a block) is looked at again this soon.</summary>
    public TimeSpan RequeueInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a write the API refused (404, 403, 422, a 409 that does not clear) waits before it is
    /// tried again: doubling from the initial delay up to the cap.
    /// </summary>
    public Rejections.RetryBackoff RejectedStepBackoff { get; set; } = Rejections.RetryBackoff.Default;

    /// <summary>
    /// Cluster passes running at once in one operator process; the others wait their turn (see
    /// <see cref="Cluster.ReconcileSlots"/>). Strimzi's operation parallelism plays the same part.
    /// </summary>
    public int MaxConcurrentReconciles { get; set; } = 10;

    /// <summary>Immediate steps carried out in one coordinator pass before it yields (bounds one turn).</summary>
    public int MaxStepsPerPass { get; set; } = 16;

    /// <summary>The Kubernetes cluster's DNS domain, for node host names.</summary>
    public string ClusterDomain { get; set; } = ClusterIdentity.DefaultClusterDomain;

    /// <summary>
    /// Ask Kafka before a node restarts or leaves (ISR, controller quorum, replicas on the broker)
    /// on top of readiness: <see cref="KafkaSafety.KafkaHealthGate"/>. Off by default: embedded mode
    /// and clusters without reachable brokers would otherwise hold every roll.
    /// </summary>
    public bool KafkaChecks { get; set; }

    /// <summary>
    /// For an operator outside the Kubernetes cluster: where to really connect for the addresses Kafka
    /// names, <c>host:port=host:port[,…]</c>, e.g. <c>demo-bootstrap.kafka.svc.cluster.local:9092=127.0.0.1:19092</c>.
    /// </summary>
    public string? KafkaAddressMap { get; set; }

    /// <summary>
    /// Ask only the Kafka clusters the address map names; any other cluster goes by readiness alone,
    /// with an Event saying so. Embedded mode's: only its sample cluster has a Kafka (the peer).
    /// </summary>
    public bool KafkaChecksOnlyWhereMapped { get; set; }

    /// <summary>How long one question to Kafka may take before the step waits with a timeout as its reason.</summary>
    public TimeSpan KafkaRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The name the coordinator's persistent state storage is registered under.</summary>
    public string StateStorageName { get; set; } = KubernetesStorageName;

    public const string KubernetesStorageName = "kubernetes";
}
