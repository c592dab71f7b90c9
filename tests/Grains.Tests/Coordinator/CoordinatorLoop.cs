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

    /// <summary>Finalizes the metadata version (the gate's raise); finalized at the target unless a test scripts a refusal.</summary>
    public Func<RaiseMetadataVersion, MetadataVersionAnswer> Raise { get; set; } =
        raise => MetadataVersionAnswer.FinalizedAt(raise.To, "recorded");

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
        for (var decided = 1; ; decided++)
        {
            // The shell's step budget: a decision that keeps asking again within one pass is a bug.
            if (decided > 100) throw new Xunit.Sdk.XunitException($"the decision did not settle in one pass; gates asked: {string.Join(", ", GateQuestions.TakeLast(5))}");
            var decision = RolloutDecider.Decide(desired, observed, Operation, gates, world.Now);
            if (decision.Step is AskGate ask)
            {
                GateQuestions.Add(ask);
                gates = gates.With(ask.Node, ask.Question, Gate(ask.Node, ask.Question, observed));
                continue;
            }

            if (decision.Step is RaiseMetadataVersion raise && Raise(raise) is { Finalized: null } held)
            {
                // As the shell does: a held raise is not tried again in this pass.
                gates = gates.WithMetadataVersionHeld(held.Reason);
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
