namespace Actors.Contracts.Api;

/// <summary>A KafkaCluster as the APIs show it: what was asked, what is, and what is under way.</summary>
public sealed record ClusterView
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>metadata.generation: bumped by every change of the spec.</summary>
    public long Generation { get; init; }
    /// <summary>The generation the operator last acted on; behind Generation while it catches up.</summary>
    public long ObservedGeneration { get; init; }
    /// <summary>e.g. Pending, Creating, Running, Rolling, Scaling, Paused, Failed.</summary>
    public required string Phase { get; init; }
    public IReadOnlyList<ClusterConditionView> Conditions { get; init; } = [];
    public IReadOnlyList<ClusterNodeView> Nodes { get; init; } = [];
    public int DesiredBrokers { get; init; }
    public int DesiredControllers { get; init; }
    public int ReadyBrokers { get; init; }
    public int ReadyControllers { get; init; }
    /// <summary>The operation in flight, or null when the cluster is at rest.</summary>
    public ClusterOperationView? Operation { get; init; }
    /// <summary>host:port list clients connect to, e.g. demo-bootstrap.kafka.svc:9092.</summary>
    public string BootstrapServers { get; init; } = "";
    public bool Paused { get; init; }
}

/// <summary>A status condition following the Kubernetes convention.</summary>
public sealed record ClusterConditionView
{
    /// <summary>Ready, Progressing, Degraded, ...</summary>
    public required string Type { get; init; }
    /// <summary>True, False or Unknown.</summary>
    public required string Status { get; init; }
    /// <summary>CamelCase reason, e.g. RollingRestart.</summary>
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset LastTransitionTime { get; init; }
}

/// <summary>One Kafka node (broker or KRaft controller) and the pod that carries it.</summary>
public sealed record ClusterNodeView
{
    public int Ordinal { get; init; }
    /// <summary>broker or controller.</summary>
    public required string Role { get; init; }
    /// <summary>Pod name, &lt;cluster&gt;-&lt;role&gt;-&lt;ordinal&gt;.</summary>
    public required string Pod { get; init; }
    /// <summary>Pending, Starting, Ready, Failed or Terminating.</summary>
    public required string Phase { get; init; }
    /// <summary>The pod-template revision the node runs.</summary>
    public string Revision { get; init; } = "";
    public bool Ready { get; init; }
}

/// <summary>The coordinator's in-flight operation and how far it got.</summary>
public sealed record ClusterOperationView
{
    /// <summary>e.g. RollingRestart, ScaleOut, ScaleIn, Upgrade.</summary>
    public required string Kind { get; init; }
    public int Done { get; init; }
    public int Total { get; init; }
    public string Message { get; init; } = "";
}
