namespace Actors.Grains.Rejections;

/// <summary>What an object is to the cluster, which decides whether the nodes can do without it.</summary>
[GenerateSerializer, Alias("actors.StepRole")]
public enum StepRole
{
    /// <summary>The headless Service behind every node's stable DNS name.</summary>
    HeadlessService,
    /// <summary>The bootstrap Service clients connect through.</summary>
    BootstrapService,
    /// <summary>The PodDisruptionBudget that limits voluntary disruptions (node drains).</summary>
    DisruptionBudget,
    /// <summary>A node's own pod, volume or configuration, written by the coordinator's steps.</summary>
    NodeObject,
    /// <summary>The KafkaCluster's own finalizer, which must be in place before anything is created.</summary>
    Finalizer,
    /// <summary>The KRaft cluster id in the KafkaCluster's status, recorded before any node can carry it.</summary>
    ClusterId,
    /// <summary>The KafkaCluster's status, where Degraded would report every other refusal.</summary>
    Status,
}

/// <summary>
/// The object a step writes, e.g. "PodDisruptionBudget kafka/demo", or the part of the KafkaCluster
/// itself it writes, e.g. "the status of KafkaCluster kafka/demo".
/// </summary>
[GenerateSerializer, Alias("actors.StepTarget")]
public sealed record StepTarget(string Kind, string Namespace, string Name, StepRole Role)
{
    /// <summary>A write to the KafkaCluster itself: its finalizer, its cluster id or its status.</summary>
    public static StepTarget OwnWrite(string @namespace, string name, StepRole role) => new("KafkaCluster", @namespace, name, role);

    /// <summary>Whether this writes the status subresource, the only place Degraded could say so.</summary>
    public bool WritesStatus => Role is StepRole.ClusterId or StepRole.Status;

    /// <summary>What was written, CamelCase, for reasons: the kind, or the part of the KafkaCluster (e.g. "Status").</summary>
    public string Subject => Role switch
    {
        StepRole.Finalizer or StepRole.ClusterId or StepRole.Status => Role.ToString(),
        _ => Kind,
    };

    public override string ToString() => Role switch
    {
        StepRole.Finalizer => $"the finalizer of {Kind} {Namespace}/{Name}",
        StepRole.ClusterId => $"the KRaft cluster id in the status of {Kind} {Namespace}/{Name}",
        StepRole.Status => $"the status of {Kind} {Namespace}/{Name}",
        _ => $"{Kind} {Namespace}/{Name}",
    };
}
