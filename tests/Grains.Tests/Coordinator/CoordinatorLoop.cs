using System.Text.Json;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>
/// What the coordinator grain's shell will do, in miniature: decide, ask the gate when asked,
/// persist the operation, carry out the step, and let time pass while waiting.
/// </summary>
internal sealed class CoordinatorLoop(SimulatedWorld world)
{
    public OperationState? Operation { get; private set; }
    public List<Blocked> Blocks { get; } = [];
    public List<AskGate> GateQuestions { get; } = [];

    /// <summary>The health gate; the readiness gate unless a test scripts another.</summary>
    public Func<NodeKey, HealthGateQuestion, ObservedCluster, GateAnswer> Gate { get; set; } =
        (node, _, observed) => ReadinessHealthGate.Answer(node, observed);

    /// <summary>Replaces the observation the next decision sees (a stale cache after a restart).</summary>
    public Func<ObservedCluster, ObservedCluster> Cache { get; set; } = fresh => fresh;

    /// <summary>Persist and reload the operation as the runtime's state store would.</summary>
    public void RestartOperator() =>
        Operation = Operation is null ? null : JsonSerializer.Deserialize<OperationState>(JsonSerializer.Serialize(Operation));

    /// <summary>One reconcile pass: returns the step carried out (or the Wait/Blocked/Done reached).</summary>
    public RolloutStep Pass(DesiredCluster desired)
    {
        var observed = Cache(world.Observe());
        var gates = GateAnswers.None;
        while (true)
        {
            var decision = RolloutDecider.Decide(desired, observed, Operation, gates, world.Now);
            if (decision.Step is AskGate ask)
            {
                GateQuestions.Add(ask);
                gates = gates.With(ask.Node, ask.Question, Gate(ask.Node, ask.Question, observed));
                continue;
            }

            Operation = decision.Operation;
            switch (decision.Step)
            {
                case Wait or Paused:
                    world.Tick();
                    break;
                case Blocked blocked:
                    Blocks.Add(blocked);
                    world.Tick();
                    break;
                case Done or ShutDownComplete:
                    break;
                default:
                    world.Apply(decision.Step, desired);
                    break;
            }

            return decision.Step;
        }
    }

    /// <summary>Runs passes until Done (or ShutDownComplete); fails if that takes more than <paramref name="limit"/>.</summary>
    public int RunToCompletion(DesiredCluster desired, int limit = 500)
    {
        RolloutStep? last = null;
        for (var pass = 1; pass <= limit; pass++)
            if ((last = Pass(desired)) is Done or ShutDownComplete)
                return pass;
        throw new Xunit.Sdk.XunitException(
            $"not done after {limit} passes, still at: {last}; last actions: {string.Join(" | ", world.Applied.TakeLast(5))}");
    }
}
