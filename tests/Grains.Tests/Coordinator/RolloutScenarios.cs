using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>One input of the decision, as the property tests draw it.</summary>
public sealed record RolloutScenario(DesiredCluster Desired, ObservedCluster Observed, OperationState? Operation, GateAnswers Gates, DateTimeOffset Now)
{
    public override string ToString()
    {
        var desired = $"members [{string.Join(", ", Desired.Revisions.Select(p => $"{p.Key}@{p.Value}"))}] {Desired.Rollout} deleting={Desired.Deleting} paused={Desired.Paused} whenScaled={Desired.WhenScaled} whenDeleted={Desired.WhenDeleted}";
        var observed = string.Join("; ", Observed.Nodes.Select(n => $"{n.Key}: pvc={n.HasPvc} config={n.HasConfig} pod={n.Pod}"));
        var operation = Operation is null ? "none" : $"{Operation.Kind} [{string.Join(", ", Operation.Deletions)}]";
        return $"desired: {desired}\nobserved: {observed}\noperation: {operation}";
    }
}

/// <summary>Random desired and observed clusters, in-flight operations and gate answers.</summary>
public static class RolloutScenarios
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static string DesiredRevision(NodeKey key) => $"new-{key.Role.Word()}-{key.Ordinal}";

    private static Gen<ObservedPod> Pod(NodeKey key, int salt) =>
        from revision in Gen.Elements(DesiredRevision(key), "old")
        from phase in Gen.Frequency((8, Gen.Constant(PodPhase.Running)), (1, Gen.Constant(PodPhase.Pending)), (1, Gen.Constant(PodPhase.Failed)))
        from ready in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from readyAgo in Gen.Elements(0, 3, 10, 100)
        from terminating in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ObservedPod($"uid-{key.Role.Word()}-{key.Ordinal}-{salt}", revision, phase,
            ready && phase == PodPhase.Running, ready && phase == PodPhase.Running ? Now.AddSeconds(-readyAgo) : null, terminating);

    private static Gen<ObservedNode?> Node(NodeKey key) =>
        from salt in Gen.Choose(0, 3)
        from kind in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1)), (5, Gen.Constant(2)))
        from pod in Pod(key, salt)
        from config in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        select kind switch
        {
            0 => config ? new ObservedNode(key, null, false, HasConfig: true) : null,
            1 => new ObservedNode(key, null, true, config),
            _ => new ObservedNode(key, pod, true, config),
        };

    private static Gen<DesiredCluster> Desired =>
        from controllers in Gen.Elements(1, 3, 5)
        from brokers in Gen.Choose(1, 6)
        from maxUnavailable in Gen.Choose(1, 3)
        from policy in Gen.Elements(PodManagementPolicy.OrderedReady, PodManagementPolicy.Parallel)
        from minReady in Gen.Elements(0, 5)
        from whenScaled in Gen.Elements(VolumeRetention.Retain, VolumeRetention.Delete)
        from whenDeleted in Gen.Elements(VolumeRetention.Retain, VolumeRetention.Delete)
        from deleting in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from paused in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select DesiredCluster.Create(controllers, brokers, DesiredRevision) with
        {
            Rollout = new RolloutPolicy(maxUnavailable, policy, TimeSpan.FromSeconds(minReady)),
            WhenScaled = whenScaled,
            WhenDeleted = whenDeleted,
            Deleting = deleting,
            Paused = paused,
        };

    private static Gen<ObservedCluster> Observed(DesiredCluster desired) =>
        from controllers in Gen.CollectToArray(Enumerable.Range(0, desired.Replicas(NodeRole.Controller) + 2).Select(n => Node(NodeKey.Controller(n))))
        from brokers in Gen.CollectToArray(Enumerable.Range(0, desired.Replicas(NodeRole.Broker) + 3).Select(n => Node(NodeKey.Broker(n))))
        from active in Gen.Choose(-1, 4)
        select new ObservedCluster(controllers.Concat(brokers).OfType<ObservedNode>().ToArray(),
            ActiveController: active < 0 ? null : NodeKey.Controller(active));

    private static Gen<OperationState?> Operation(DesiredCluster desired, ObservedCluster observed)
    {
        var deletion =
            from node in Gen.Elements(observed.Nodes.Select(n => n.Key).DefaultIfEmpty(NodeKey.Broker(0)).ToArray())
            from live in Gen.Elements(true, false)
            from cause in Gen.Elements(DeletionCause.Roll, DeletionCause.ScaleIn)
            from current in Gen.Elements(true, false)
            select new PodDeletion(node, live ? observed.Find(node)?.Pod?.Uid ?? "uid-gone" : "uid-gone", cause,
                cause == DeletionCause.Roll ? (current ? DesiredRevision(node) : "older") : null);
        return Gen.Frequency(
            (1, Gen.Constant<OperationState?>(null)),
            (1, from kind in Gen.Elements(Enum.GetValues<OperationKind>())
                from count in Gen.Choose(0, 2)
                from deletions in Gen.ArrayOf(deletion, count)
                select (OperationState?)new OperationState(kind, Now.AddMinutes(-1), deletions.DistinctBy(d => (d.Node, d.Cause)).ToArray())));
    }

    private static Gen<GateAnswers> Gates(ObservedCluster observed) =>
        from mode in Gen.Elements("none", "open", "closed", "mixed")
        from coins in Gen.ArrayOf(Gen.Elements(0, 1, 2), observed.Nodes.Count * 2)
        select observed.Nodes.SelectMany(n => new[] { (n.Key, HealthGateQuestion.CanRestart), (n.Key, HealthGateQuestion.IsDrained) })
            .Select((q, i) => (q, coin: mode switch { "none" => 0, "open" => 1, "closed" => 2, _ => coins[i] }))
            .Aggregate(GateAnswers.None, (gates, x) => x.coin switch
            {
                1 => gates.With(x.q.Item1, x.q.Item2, GateAnswer.Opened()),
                2 => gates.With(x.q.Item1, x.q.Item2, GateAnswer.Closed("scripted")),
                _ => gates,
            });

    public static Gen<RolloutScenario> Scenario =>
        from desired in Desired
        from observed in Observed(desired)
        from operation in Operation(desired, observed)
        from gates in Gates(observed)
        select new RolloutScenario(desired, observed, operation, gates, Now);

    public static Arbitrary<RolloutScenario> Arbitrary => Arb.From(Scenario);
}
