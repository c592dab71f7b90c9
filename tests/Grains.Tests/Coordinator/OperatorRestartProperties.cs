using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>
/// Whole rolls and scalings run against the simulated world while the operator restarts at random
/// (the operation reloaded from JSON) and its cache lags a step behind, and while nodes fail on
/// their own. Checked against the world itself, not against what the decision saw.
/// </summary>
public class OperatorRestartProperties
{
    private const int Runs = 300;

    public sealed record Plan(int Controllers, int Brokers, int TargetBrokers, bool Roll, int MaxUnavailable, PodManagementPolicy Policy, int Seed)
    {
        public DesiredCluster Before() => Cluster(Brokers, "r1");
        public DesiredCluster After() => Cluster(TargetBrokers, Roll ? "r2" : "r1");

        private DesiredCluster Cluster(int brokers, string revision) =>
            DesiredCluster.Create(Controllers, brokers, key => $"{revision}-{key.Role.Word()}-{key.Ordinal}") with
            {
                Rollout = new RolloutPolicy(MaxUnavailable, Policy),
                WhenScaled = VolumeRetention.Delete,
            };
    }

    private static Arbitrary<Plan> Plans => Arb.From(
        from controllers in Gen.Elements(1, 3, 5)
        from brokers in Gen.Choose(1, 5)
        from target in Gen.Choose(1, 6)
        from roll in Gen.Elements(true, false)
        from maxUnavailable in Gen.Choose(1, 2)
        from policy in Gen.Elements(PodManagementPolicy.OrderedReady, PodManagementPolicy.Parallel)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new Plan(controllers, brokers, target, roll, maxUnavailable, policy, seed));

    private static Property ForEveryPlan(Action<Plan> body) =>
        Prop.ForAll(Plans, plan =>
        {
            try
            {
                body(plan);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"{plan}: {e.Message}");
            }
        });

    private static NodeKey[] Sorted(IEnumerable<NodeKey> keys) => keys.Order(Comparer<NodeKey>.Create(NodeKey.CompareStartOrder)).ToArray();

    private static bool Disruptive(RolloutStep step) =>
        step is DeleteNodePod { Reason: PodDeletionReason.Roll } or RemoveNode { Reason: RemovalReason.ScaleIn };

    [SeededProperty(MaxTest = Runs)]
    public Property No_node_is_restarted_twice_for_one_revision_across_operator_restarts_and_a_lagging_cache() => ForEveryPlan(plan =>
    {
        var random = new Random(plan.Seed);
        var world = SimulatedWorld.Running(plan.Before(), ticksToReady: 1 + random.Next(3));
        var loop = new CoordinatorLoop(world);
        var desired = plan.After();
        var history = new List<ObservedCluster>();
        // After a restart the cache may be a few steps behind the world; it never runs ahead.
        loop.Cache = fresh =>
        {
            history.Add(fresh);
            return random.NextDouble() < 0.4 ? history[Math.Max(0, history.Count - 1 - random.Next(4))] : fresh;
        };

        var broken = new HashSet<NodeKey>();
        var lastBreak = -100;
        var done = false;
        for (var pass = 0; pass < 3000 && !done; pass++)
        {
            if (random.NextDouble() < 0.2) loop.RestartOperator();
            var chance = random.NextDouble();
            if (pass < 300 && chance < 0.03 && world.Pods.ToArray() is { Length: > 0 } pods)
            {
                var victim = pods[random.Next(pods.Length)];
                world.Break(victim);
                broken.Add(victim);
                lastBreak = pass;
            }
            else if (pass >= 300 || chance < 0.08)
            {
                foreach (var node in broken) world.Heal(node);
                broken.Clear();
            }

            var step = loop.Pass(desired);
            // A failure the lagging cache has not shown yet cannot be counted by anyone; judge the
            // budget only once every failure has had time to be seen and to heal.
            var failureUnseen = pass - lastBreak <= 10;
            if (!failureUnseen && Disruptive(step) && world.Unavailable(desired) > desired.Rollout.MaxUnavailable)
                throw new Xunit.Sdk.XunitException($"{step}: {world.Unavailable(desired)} unavailable");
            // Done seen through a stale cache must also hold on a fresh look.
            done = step is Done && RolloutDecider.Decide(desired, world.Observe(), loop.Operation, GateAnswers.None, world.Now).Step is Done;
        }

        Assert.True(done, "never finished");
        var twice = world.RollDeletions.GroupBy(d => (d.Node, d.Revision)).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(twice.Length == 0, $"restarted twice: {string.Join(", ", twice)}");
        Assert.All(desired.Revisions, p => Assert.Equal(p.Value, world.RevisionOf(p.Key)));
        Assert.Equal(Sorted(desired.Revisions.Keys), Sorted(world.Pods));
        Assert.Equal(Sorted(desired.Revisions.Keys), Sorted(world.Volumes));
        Assert.Empty(world.Violations);
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Nodes_failing_on_their_own_never_push_a_roll_or_scale_in_past_max_unavailable() => ForEveryPlan(plan =>
    {
        var random = new Random(plan.Seed);
        var world = SimulatedWorld.Running(plan.Before());
        var loop = new CoordinatorLoop(world);
        var desired = plan.After();
        var broken = new HashSet<NodeKey>();

        for (var pass = 0; pass < 300; pass++)
        {
            var chance = random.NextDouble();
            var pods = world.Pods.ToArray();
            if (chance < 0.05 && pods.Length > 0)
            {
                var victim = pods[random.Next(pods.Length)];
                world.Break(victim);
                broken.Add(victim);
            }
            else if (chance < 0.10 && broken.Count > 0)
            {
                var healed = broken.ElementAt(random.Next(broken.Count));
                world.Heal(healed);
                broken.Remove(healed);
            }

            var step = loop.Pass(desired);
            if (Disruptive(step) && world.Unavailable(desired) > desired.Rollout.MaxUnavailable)
            {
                // A node that was already down costs nothing; only count it when the victim had been available.
                var victim = step is DeleteNodePod d ? d.Node : ((RemoveNode)step).Node;
                if (!broken.Contains(victim))
                    throw new Xunit.Sdk.XunitException($"{step}: {world.Unavailable(desired)} unavailable, broken: {string.Join(", ", broken)}");
            }
        }

        foreach (var node in broken) world.Heal(node);
        loop.RunToCompletion(desired, limit: 2000);
        Assert.Empty(world.Violations);
    });
}
