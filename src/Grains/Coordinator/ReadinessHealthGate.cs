using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

/// <summary>
/// The default gate (and the first half of the Kafka one): a node may be restarted or removed only
/// when every other node that has a pod is Ready, so no partition loses a second replica.
/// </summary>
public sealed class ReadinessHealthGate : IHealthGate
{
    public ValueTask<GateAnswer> AskAsync(
        HealthGateQuestion question, NodeIdentity node, ObservedCluster observed, DesiredCluster desired, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Answer(node.Key, observed));

    public static GateAnswer Answer(NodeKey node, ObservedCluster observed)
    {
        var notReady = observed.Nodes
            .Where(n => n.Key != node && n.Pod is { } pod && !(pod.Ready && !pod.Terminating))
            .Select(n => n.Key.ToString())
            .ToArray();
        return notReady.Length == 0
            ? GateAnswer.Opened("all other nodes are ready")
            : GateAnswer.Closed($"{string.Join(", ", notReady)} not ready");
    }
}
