using System.Collections.Concurrent;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// A health gate a scenario opens and closes by hand, per question (for every node, or for one);
/// open, it answers like the default readiness gate. It remembers what it was asked.
/// </summary>
public sealed class ScriptedHealthGate : IHealthGate
{
    private readonly ConcurrentDictionary<HealthGateQuestion, string> _closed = new();
    private readonly ConcurrentDictionary<(HealthGateQuestion, NodeKey), string> _closedFor = new();
    private readonly ConcurrentQueue<(HealthGateQuestion Question, NodeKey Node, bool Open)> _asked = new();

    public void Close(HealthGateQuestion question, string reason) => _closed[question] = reason;

    public void Open(HealthGateQuestion question) => _closed.TryRemove(question, out _);

    /// <summary>Closed for <paramref name="node"/> only, so a step the operator takes before it (another node's) is not held.</summary>
    public void Close(HealthGateQuestion question, NodeKey node, string reason) => _closedFor[(question, node)] = reason;

    public void Open(HealthGateQuestion question, NodeKey node) => _closedFor.TryRemove((question, node), out _);

    public IReadOnlyList<(HealthGateQuestion Question, NodeKey Node, bool Open)> Asked => [.. _asked];

    public ValueTask<GateAnswer> AskAsync(
        HealthGateQuestion question, NodeIdentity node, ObservedCluster observed, DesiredCluster desired, CancellationToken cancellationToken)
    {
        var answer = _closed.TryGetValue(question, out var reason) || _closedFor.TryGetValue((question, node.Key), out reason)
            ? GateAnswer.Closed(reason)
            : ReadinessHealthGate.Answer(node.Key, observed);
        _asked.Enqueue((question, node.Key, answer.Open));
        return ValueTask.FromResult(answer);
    }
}
