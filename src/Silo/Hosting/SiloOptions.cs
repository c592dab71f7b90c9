namespace Actors.Silo.Hosting;

/// <summary>What the command line asked for; see <see cref="SiloCommandLine"/> for each flag.</summary>
public sealed record SiloOptions
{
    public string? Kubeconfig { get; init; }
    public string? Context { get; init; }

    /// <summary>Namespaces whose KafkaClusters the operator manages; empty means all.</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    /// <summary>Null: the mode's default (on in embedded mode, off against a real cluster).</summary>
    public bool? InstallCrd { get; init; }

    /// <summary>
    /// Join the replicas' Orleans cluster of this id (membership in a ConfigMap in the operator's
    /// namespace): every replica works and the KafkaClusters are shared among them. Null: alone.
    /// </summary>
    public string? OperatorCluster { get; init; }

    /// <summary>Where the other replicas reach this one's silo; null: $POD_IP and <see cref="DefaultSiloPort"/>.</summary>
    public System.Net.IPEndPoint? SiloAddress { get; init; }

    public const int DefaultSiloPort = 11111;

    /// <summary>Where the operator cluster's membership ConfigMap lives; null: $POD_NAMESPACE, else the kubeconfig context's.</summary>
    public string? MembershipNamespace { get; init; }

    public HostAddress HttpAddress { get; init; } = Default("127.0.0.1:8080");
    public HostAddress GrpcAddress { get; init; } = Default("127.0.0.1:8081");
    public bool Embedded { get; init; }
    public string StateDir { get; init; } = ".actors";

    /// <summary>
    /// Ask Kafka (ISR, quorum, replicas) before each restart or removal, on top of readiness.
    /// Null: the mode's default (on in embedded mode, which runs its own Kafka; off against a real cluster).
    /// </summary>
    public bool? KafkaChecks { get; init; }

    /// <summary>Not a flag: embedded mode asks Kafka only for the clusters it runs a Kafka for.</summary>
    public bool KafkaChecksOnlyWhereMapped { get; init; }

    /// <summary>Where to really connect for the addresses Kafka names, <c>host:port=host:port[,…]</c>; null maps nothing.</summary>
    public string? KafkaAddressMap { get; init; }

    /// <summary>Embedded mode: how long a Kafka node whose pod became Ready takes to be in sync again.</summary>
    public TimeSpan EmbeddedKafkaCatchUp { get; init; } = Actors.Silo.Embedded.EmbeddedKafka.DefaultCatchUp;

    /// <summary>Sustained requests per second to the Kubernetes API (the client's token bucket).</summary>
    public double KubeApiQps { get; init; } = DefaultKubeApiQps;

    /// <summary>Requests to the Kubernetes API allowed at once before the rate applies.</summary>
    public int KubeApiBurst { get; init; } = DefaultKubeApiBurst;

    public static readonly double DefaultKubeApiQps = new Actors.Kubernetes.ClientPolicy().Qps;
    public static readonly int DefaultKubeApiBurst = new Actors.Kubernetes.ClientPolicy().Burst;

    internal static HostAddress Default(string text) =>
        HostAddress.TryParse(text, out var address, out var error) ? address : throw new InvalidOperationException(error);
}
