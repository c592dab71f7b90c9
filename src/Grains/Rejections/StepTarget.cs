namespace Actors.Grains.Rejections;

/// <summary>What an object is to the cluster, which decides whether the nodes can do without it.</summary>
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
}

/// <summary>The object a step writes, e.g. "PodDisruptionBudget kafka/demo".</summary>
public sealed record StepTarget(string Kind, string Namespace, string Name, StepRole Role)
{
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
