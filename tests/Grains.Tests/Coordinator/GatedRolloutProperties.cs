using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.KafkaSafety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>What Kafka answers one question: the gate is open, Kafka holds the step, or Kafka did not answer.</summary>
public enum KafkaWord
{
    Open,
    Held,
    Unanswered,
}

/// <summary>
/// Kafka's answers during one reconcile pass: each broker's ISR (may it restart), the controller
/// quorum (may a controller restart), each broker's replicas (may it be removed), and whether it
/// takes the metadata version's raise.
/// </summary>
public sealed record KafkaWeather(IReadOnlyList<KafkaWord> Isr, KafkaWord Quorum, IReadOnlyList<KafkaWord> Replicas, KafkaWord Raise)
{
    public static KafkaWeather Clear(int brokers) =>
        new(Enumerable.Repeat(KafkaWord.Open, brokers).ToArray(), KafkaWord.Open, Enumerable.Repeat(KafkaWord.Open, brokers).ToArray(), KafkaWord.Open);

    public override string ToString() =>
        $"isr [{string.Join(",", Isr.Select(Short))}] quorum {Short(Quorum)} replicas [{string.Join(",", Replicas.Select(Short))}] raise {Short(Raise)}";

    private static char Short(KafkaWord word) => word.ToString()[0];
}

/// <summary>A running cluster, the change asked of it (a roll with an upgrade, a scale-in, or both) and Kafka's answers pass after pass.</summary>
public sealed record GatedRollout(int Controllers, int Brokers, int ScaleIn, bool Upgrade, int MaxUnavailable, IReadOnlyList<KafkaWeather> Weather)
{
    public DesiredCluster Running => DesiredCluster.Create(Controllers, Brokers, key => $"r1-{key}") with { MetadataVersion = "3.9-IV0" };

    public DesiredCluster Target => DesiredCluster.Create(Controllers, Brokers - ScaleIn, key => $"{(Upgrade ? "r2" : "r1")}-{key}") with
    {
        MetadataVersion = Upgrade ? "4.0-IV3" : "3.9-IV0",
        Rollout = new RolloutPolicy(MaxUnavailable),
    };

    public override string ToString() =>
        $"{Controllers} controllers, {Brokers} brokers, scale in {ScaleIn}, upgrade {Upgrade}, maxUnavailable {MaxUnavailable}, " +
        $"{Weather.Count} passes of weather:\n  {string.Join("\n  ", Weather)}";
}

/// <summary>
/// The gates over whole operations: for any sequence of Kafka's answers (ISR open or held, quorum
/// open or held, replicas still on a broker, Kafka not answering) through a roll, a scale-in or
/// both, the coordinator never restarts a Ready broker while its ISR gate is closed, a Ready
/// controller while the quorum gate is closed, removes a broker while it holds replicas, or raises
/// the metadata version Kafka did not take — and once Kafka opens every gate, the operation completes.
/// The gate here is the Kafka gate's own rule (<see cref="KafkaQuestion"/>) over scripted answers;
/// the check of each step reads the scripted answers directly.
/// </summary>
public class GatedRolloutProperties
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    private static Gen<KafkaWord> Word =>
        Gen.Frequency((3, Gen.Constant(KafkaWord.Open)), (2, Gen.Constant(KafkaWord.Held)), (1, Gen.Constant(KafkaWord.Unanswered)));

    private static Gen<KafkaWeather> Weather(int brokers) =>
        from isr in Gen.ArrayOf(Word, brokers)
        from quorum in Word
        from replicas in Gen.ArrayOf(Word, brokers)
        from raise in Word
        select new KafkaWeather(isr, quorum, replicas, raise);

    private static Gen<GatedRollout> Rollouts =>
        from controllers in Gen.Elements(1, 3)
        from brokers in Gen.Choose(2, 5)
        from scaleIn in Gen.Choose(0, Math.Min(2, brokers - 1))
        from upgrade in scaleIn == 0 ? Gen.Constant(true) : Gen.Elements(true, false)
        from maxUnavailable in Gen.Choose(1, 2)
        from passes in Gen.Choose(1, 60)
        from weather in Gen.ArrayOf(Weather(brokers), passes)
        select new GatedRollout(controllers, brokers, scaleIn, upgrade, maxUnavailable, weather);

    /// <summary>The Kafka gate's rule: readiness first, then the question Kafka is asked, answered from the weather.</summary>
    private static GateAnswer Ask(KafkaWeather weather, NodeKey node, HealthGateQuestion question, ObservedCluster observed, DesiredCluster desired)
    {
        var readiness = ReadinessHealthGate.Answer(node, observed);
        if (!readiness.Open) return readiness;
        var word = KafkaQuestion.For(question, Cluster.Node(node), observed, desired) switch
        {
            MayRestartBroker b => weather.Isr[b.BrokerId],
            MayRestartController => weather.Quorum,
            MayRemoveBroker r => weather.Replicas[r.BrokerId],
            _ => KafkaWord.Open,
        };
        return Answer(word, $"{question} of {node}");
    }

    private static GateAnswer Answer(KafkaWord word, string what) => word switch
    {
        KafkaWord.Open => GateAnswer.Opened($"Kafka agrees: {what}"),
        KafkaWord.Held => GateAnswer.Closed($"Kafka holds {what}"),
        _ => GateAnswer.Closed($"Kafka did not answer about {what}"),
    };

    /// <summary>What must not have happened in a pass under this weather, read from the weather alone.</summary>
    private static IEnumerable<string> Violations(RolloutStep step, ObservedCluster before, KafkaWeather weather, GatedRollout rollout)
    {
        bool WasReady(NodeKey node) => before.Find(node)?.Pod is { Ready: true, Terminating: false };
        switch (step)
        {
            case DeleteNodePod { Reason: PodDeletionReason.Roll } roll when WasReady(roll.Node):
                if (roll.Node.Role == NodeRole.Broker && weather.Isr[roll.Node.Ordinal] != KafkaWord.Open)
                    yield return $"restarted {roll.Node} while its ISR gate said {weather.Isr[roll.Node.Ordinal]}";
                if (roll.Node.Role == NodeRole.Controller && rollout.Controllers > 1 && weather.Quorum != KafkaWord.Open)
                    yield return $"restarted {roll.Node} while the quorum gate said {weather.Quorum}";
                break;
            case RemoveNode { Reason: RemovalReason.ScaleIn } remove when remove.Node.Role == NodeRole.Broker:
                if (weather.Replicas[remove.Node.Ordinal] != KafkaWord.Open)
                    yield return $"removed {remove.Node} while its replicas gate said {weather.Replicas[remove.Node.Ordinal]}";
                break;
            case RaiseMetadataVersion raise when weather.Raise != KafkaWord.Open:
                yield return $"counted the metadata version raised to {raise.To} while Kafka said {weather.Raise}";
                break;
        }
    }

    [SeededProperty(MaxTest = 400)]
    public Property No_step_is_taken_while_its_Kafka_gate_is_closed_and_the_operation_completes_once_they_open() =>
        Prop.ForAll(Arb.From(Rollouts), rollout =>
        {
            var world = SimulatedWorld.Running(rollout.Running);
            world.MetadataVersion = rollout.Running.MetadataVersion;
            var target = rollout.Target;
            var weather = rollout.Weather[0];
            var loop = new CoordinatorLoop(world)
            {
                Gate = (node, question, observed) => Ask(weather, node, question, observed, target),
                Raise = raise => weather.Raise == KafkaWord.Open
                    ? MetadataVersionAnswer.FinalizedAt(raise.To, "Kafka took it")
                    : MetadataVersionAnswer.Held($"Kafka {weather.Raise} the raise"),
            };

            var found = new List<string>();
            for (var pass = 0; pass < rollout.Weather.Count; pass++)
            {
                weather = rollout.Weather[pass];
                var before = world.Observe();
                var step = loop.Pass(target);
                found.AddRange(Violations(step, before, weather, rollout).Select(v => $"pass {pass}: {v}"));
            }

            weather = KafkaWeather.Clear(rollout.Brokers);
            loop.RunToCompletion(target);

            found.AddRange(world.Violations);
            found.AddRange(target.Revisions.Where(m => world.RevisionOf(m.Key) != m.Value).Select(m => $"{m.Key} does not run {m.Value}"));
            found.AddRange(world.Pods.Where(n => !target.IsMember(n)).Select(n => $"{n} still has a pod"));
            found.AddRange(world.RollDeletions.GroupBy(d => d.Node).Where(g => g.Count() > 1).Select(g => $"{g.Key} restarted {g.Count()} times"));
            if (world.MetadataVersion != target.MetadataVersion) found.Add($"metadata version {world.MetadataVersion}, not {target.MetadataVersion}");
            if (world.Applied.OfType<RaiseMetadataVersion>().Count() > (rollout.Upgrade ? 1 : 0))
                found.Add($"metadata version raised {world.Applied.OfType<RaiseMetadataVersion>().Count()} times");
            return found.Count == 0 ? true : throw new Xunit.Sdk.XunitException($"{string.Join("; ", found)}\n{rollout}");
        });
}
