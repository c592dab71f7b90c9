using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Actors.Contracts.Kafka.Schema;

namespace Actors.Contracts.Kafka;

// The summaries below are what `kubectl explain kafkacluster.spec…` prints: the CRD generator
// reads them (and the DataAnnotations beside them) when it builds deploy/crd. Write them for a
// platform engineer, with the unit, the default and an example where one would guess.

/// <summary>
/// The desired Kafka cluster (KRaft mode, no ZooKeeper): its version, brokers, controllers, listeners
/// and how changes roll out. Optional fields are filled in by the operator, not the API server, so
/// what was written and what was defaulted stay distinguishable.
/// </summary>
public sealed record KafkaClusterSpec
{
    /// <summary>
    /// Apache Kafka version every node runs, e.g. 4.3.1; the operator refuses versions it does not know and
    /// lists the known ones. Changing it is a rolling upgrade: every node moves to the new version one at a time,
    /// then the metadata.version is raised once all run it. Going back below a raised metadata.version is refused.
    /// </summary>
    [JsonPropertyName("version")]
    [RegularExpression(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    public string? Version { get; init; }

    /// <summary>
    /// Container image of every node, e.g. registry.example.com/kafka:4.3.1. Default: apache/kafka:&lt;version&gt;.
    /// It must run the Kafka version in spec.version and read KAFKA_* environment variables as server properties.
    /// </summary>
    [JsonPropertyName("image")]
    [MaxLength(1024)]
    public string? Image { get; init; }

    /// <summary>The brokers: the nodes that hold partitions and serve clients. Required.</summary>
    [JsonPropertyName("brokers")] public NodePoolSpec? Brokers { get; init; }

    /// <summary>
    /// The KRaft controllers that keep the cluster's metadata quorum. Required; an odd number of replicas
    /// from 1 to 9 (3 tolerates one failure, 5 tolerates two). The number cannot change once the cluster runs.
    /// </summary>
    [JsonPropertyName("controllers")] public NodePoolSpec? Controllers { get; init; }

    /// <summary>Listeners for clients. Default: one plaintext listener named plain on port 9092.</summary>
    [JsonPropertyName("listeners")]
    [ListMap("name")]
    public List<ListenerSpec>? Listeners { get; init; }

    /// <summary>How changes reach the nodes: how many may be down at once, in which order, how long to wait.</summary>
    [JsonPropertyName("rollout")] public RolloutSpec? Rollout { get; init; }

    /// <summary>What happens to the nodes' volumes when the cluster is deleted or scaled in. Default: keep them.</summary>
    [JsonPropertyName("persistentVolumeClaimRetentionPolicy")]
    public PvcRetentionPolicySpec? PersistentVolumeClaimRetentionPolicy { get; init; }
}

/// <summary>A group of nodes sharing one role (brokers or controllers): how many, their resources, volume and placement.</summary>
public sealed record NodePoolSpec
{
    /// <summary>
    /// Number of nodes. Required. Nodes are named &lt;cluster&gt;-&lt;role&gt;-&lt;ordinal&gt; and started in ordinal order;
    /// scaling in removes the highest ordinal first, one at a time.
    /// </summary>
    [JsonPropertyName("replicas")]
    [Range(1, 1000)]
    public int? Replicas { get; init; }

    /// <summary>CPU and memory of each node's Kafka container, as Kubernetes quantities.</summary>
    [JsonPropertyName("resources")] public ResourcesSpec? Resources { get; init; }

    /// <summary>Each node's own persistent volume, created once and re-attached to every replacement pod. Required.</summary>
    [JsonPropertyName("storage")] public StorageSpec? Storage { get; init; }

    /// <summary>
    /// Kafka server properties added to the rendered ones, e.g. {"num.partitions": "6", "min.insync.replicas": "2"}.
    /// Values are strings. Properties the operator derives from a node's identity (node.id, process.roles, listeners,
    /// controller.quorum.voters, log.dirs, …) are refused, and so are those Kafka 4.0 removed when spec.version is 4.x.
    /// A change rolls every node of this pool.
    /// </summary>
    [JsonPropertyName("config")] public Dictionary<string, string>? Config { get; init; }

    /// <summary>Node labels a node's pod must match to be scheduled, e.g. {"kubernetes.io/arch": "amd64"}.</summary>
    [JsonPropertyName("nodeSelector")]
    [EachValue(Pattern = KubernetesPatterns.LabelValue, MaxLength = KubernetesPatterns.LabelValueMaxLength)]
    public Dictionary<string, string>? NodeSelector { get; init; }

    /// <summary>Taints the pods tolerate, as in a pod spec.</summary>
    [JsonPropertyName("tolerations")] public List<TolerationSpec>? Tolerations { get; init; }

    /// <summary>Rack awareness: spread the pool's pods over the values of a node label, e.g. over zones.</summary>
    [JsonPropertyName("rack")] public RackSpec? Rack { get; init; }
}

/// <summary>Container resources as Kubernetes quantities, e.g. {"cpu": "1", "memory": "4Gi"}.</summary>
public sealed record ResourcesSpec
{
    /// <summary>What the scheduler reserves for each node, e.g. {"cpu": "500m", "memory": "2Gi"}. Each must not exceed its limit.</summary>
    [JsonPropertyName("requests")]
    [EachValue(Pattern = KubernetesPatterns.Quantity)]
    public Dictionary<string, string>? Requests { get; init; }

    /// <summary>The most each node may use, e.g. {"memory": "4Gi"}. A container over its memory limit is killed.</summary>
    [JsonPropertyName("limits")]
    [EachValue(Pattern = KubernetesPatterns.Quantity)]
    public Dictionary<string, string>? Limits { get; init; }
}

/// <summary>The persistent volume claim of each node (data-&lt;cluster&gt;-&lt;role&gt;-&lt;ordinal&gt;), mounted at Kafka's log.dirs.</summary>
[GenerateSerializer, Alias("actors.StorageSpec")]
public sealed record StorageSpec
{
    /// <summary>Volume size as a Kubernetes quantity in bytes, e.g. 100Gi (gibibytes) or 500G (gigabytes). Required. It may grow, never shrink.</summary>
    [JsonPropertyName("size")]
    [RegularExpression(KubernetesPatterns.Quantity)]
    [Id(0)]
    public string? Size { get; init; }

    /// <summary>StorageClass of the claims, e.g. fast-ssd. Default: the cluster's default StorageClass. It cannot change later.</summary>
    [JsonPropertyName("storageClassName")]
    [RegularExpression(KubernetesPatterns.DnsSubdomain)]
    [MaxLength(KubernetesPatterns.DnsSubdomainMaxLength)]
    [Id(1)]
    public string? StorageClassName { get; init; }
}

/// <summary>A toleration of a node taint, as in a pod spec.</summary>
[GenerateSerializer, Alias("actors.TolerationSpec")]
public sealed record TolerationSpec
{
    /// <summary>The taint key to tolerate, a label key like dedicated or example.com/kafka. Empty with operator Exists tolerates every taint.</summary>
    [JsonPropertyName("key")]
    [MaxLength(KubernetesPatterns.QualifiedNameMaxLength)]
    [Id(0)]
    public string? Key { get; init; }

    /// <summary>Equal (default): the taint's value must equal value. Exists: any value.</summary>
    [JsonPropertyName("operator")]
    [AllowedValues("Equal", "Exists")]
    [Id(1)]
    public string? Operator { get; init; }

    /// <summary>The taint value to match with operator Equal; empty with Exists.</summary>
    [JsonPropertyName("value")]
    [MaxLength(KubernetesPatterns.LabelValueMaxLength)]
    [Id(2)]
    public string? Value { get; init; }

    /// <summary>The taint effect to tolerate: NoSchedule, PreferNoSchedule or NoExecute. Default: all effects.</summary>
    [JsonPropertyName("effect")]
    [AllowedValues("", "NoSchedule", "PreferNoSchedule", "NoExecute")]
    [Id(3)]
    public string? Effect { get; init; }

    /// <summary>With effect NoExecute: how long, in seconds, the pod stays on a node after the taint appears. Default: forever.</summary>
    [JsonPropertyName("tolerationSeconds")]
    [Id(4)]
    public long? TolerationSeconds { get; init; }
}

/// <summary>Rack awareness: the pool's pods are spread evenly over the values of a node label (a topology spread constraint).</summary>
public sealed record RackSpec
{
    /// <summary>The node label whose values are the racks, e.g. topology.kubernetes.io/zone. Required when rack is set.</summary>
    [JsonPropertyName("topologyKey")]
    [RegularExpression(KubernetesPatterns.QualifiedName)]
    [MaxLength(KubernetesPatterns.QualifiedNameMaxLength)]
    public string? TopologyKey { get; init; }
}

/// <summary>A listener clients connect to, reachable inside the Kubernetes cluster through the bootstrap Service.</summary>
public sealed record ListenerSpec
{
    /// <summary>Listener name: 1 to 11 lower case letters or digits, starting with a letter, e.g. plain. Unique within the cluster.</summary>
    [JsonPropertyName("name")]
    [Required]
    [RegularExpression("^[a-z][a-z0-9]{0,10}$")]
    public string? Name { get; init; }

    /// <summary>Container port, 1024 to 65535, e.g. 9092. Unique within the cluster; 9091 and 9093 are the operator's own.</summary>
    [JsonPropertyName("port")]
    [Range(1, 65535)]
    public int? Port { get; init; }

    /// <summary>Where clients are: internal (the default and, for now, the only one: clients inside the Kubernetes cluster).</summary>
    [JsonPropertyName("type")]
    [AllowedValues("internal")]
    public string? Type { get; init; }

    /// <summary>Whether the listener uses TLS. Default false; TLS listeners are not supported yet.</summary>
    [JsonPropertyName("tls")] public bool? Tls { get; init; }
}

/// <summary>How a change reaches the nodes.</summary>
public sealed record RolloutSpec
{
    /// <summary>
    /// How many nodes may be unavailable at once during a roll or scale-in, counting those already down on their own.
    /// Default 1. A controller is restarted only if the quorum keeps a majority without it.
    /// </summary>
    [JsonPropertyName("maxUnavailable")]
    [Range(1, int.MaxValue)]
    public int? MaxUnavailable { get; init; }

    /// <summary>
    /// OrderedReady (default): a node is created only after every node before it (controllers, then brokers, by
    /// ordinal) is Ready. Parallel: nodes are created without waiting for each other; rolls still respect maxUnavailable.
    /// </summary>
    [JsonPropertyName("podManagementPolicy")]
    [AllowedValues(KafkaSpecValues.OrderedReady, KafkaSpecValues.Parallel)]
    public string? PodManagementPolicy { get; init; }

    /// <summary>
    /// Seconds a node must have been Ready before the next one is started or rolled, 0 to 3600. Default 0;
    /// production clusters often use 30 to 60 so a broker catches up before the next one moves.
    /// </summary>
    [JsonPropertyName("minReadySeconds")]
    [Range(0, 3600)]
    public int? MinReadySeconds { get; init; }
}

/// <summary>What becomes of the nodes' persistent volume claims, like a StatefulSet's policy of the same name.</summary>
public sealed record PvcRetentionPolicySpec
{
    /// <summary>Retain (default) keeps the claims when the KafkaCluster is deleted, so re-creating it finds its data; Delete removes them.</summary>
    [JsonPropertyName("whenDeleted")]
    [AllowedValues(KafkaSpecValues.Retain, KafkaSpecValues.Delete)]
    public string? WhenDeleted { get; init; }

    /// <summary>Retain (default) keeps the claims of nodes removed by scale-in, so scaling out again reuses them; Delete removes them.</summary>
    [JsonPropertyName("whenScaled")]
    [AllowedValues(KafkaSpecValues.Retain, KafkaSpecValues.Delete)]
    public string? WhenScaled { get; init; }
}

/// <summary>The words the spec accepts for its enumerations.</summary>
public static class KafkaSpecValues
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";
    public const string Retain = "Retain";
    public const string Delete = "Delete";
    public const string Internal = "internal";
}
