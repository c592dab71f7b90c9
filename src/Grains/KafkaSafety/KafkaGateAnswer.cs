using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Kafka.Checks;
using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Safety;

namespace Actors.Grains.KafkaSafety;

/// <summary>
/// Kafka's verdicts in the gate's words. Open only when Kafka answered and its gate is open; a held
/// verdict keeps the gate's message (it names the topic-partitions, the lagging voters, the topics
/// still on the broker); a cluster that did not answer holds the step and says why.
/// </summary>
public static class KafkaGateAnswer
{
    public const string ChecksSkippedReason = "KafkaChecksSkipped";
    public const string NoKafkaReason = "NoKafkaToAsk";

    public static GateAnswer From<TGate>(SafetyVerdict<TGate> verdict, string bootstrap) where TGate : class, IGateVerdict =>
        verdict.Reason switch
        {
            SafetyReason.Open => GateAnswer.Opened($"Kafka agrees: {verdict.Message}"),
            SafetyReason.Held => GateAnswer.Closed(verdict.Message),
            _ => GateAnswer.Closed(Unanswered(verdict.Failure!, bootstrap)),
        };

    /// <summary>
    /// A raise is finalized when Kafka took it or was there already, at the level it reads back
    /// (the target when the read-back has no name this operator knows); anything else holds it.
    /// </summary>
    public static MetadataVersionAnswer From(MetadataVersionRaise raise, MetadataVersion target, string bootstrap)
    {
        if (!raise.IsDone)
            return MetadataVersionAnswer.Held(raise.Outcome == MetadataVersionRaiseOutcome.Unanswered
                ? $"{raise.Message} (asking {bootstrap}); it is tried again until Kafka answers"
                : $"{raise.Message}; it is tried again on the next pass");
        var readBack = raise.FinalizedLevel is { } level ? MetadataVersion.FromLevel(level) : null;
        return MetadataVersionAnswer.FinalizedAt(readBack is not null && readBack.Level >= target.Level ? readBack.Name : target.Name, raise.Message);
    }

    /// <summary>"Kafka unreachable at demo-bootstrap.kafka.svc.cluster.local:9092: connection refused; the step waits until it answers".</summary>
    public static string Unanswered(KafkaFailure failure, string bootstrap) =>
        (failure.Kind == KafkaFailureKind.Unreachable
            ? $"Kafka unreachable at {bootstrap}: {failure.Message}"
            : $"Kafka at {bootstrap} did not answer ({failure.Kind}): {failure.Message}")
        + "; the step waits until it answers";

    /// <summary>Readiness opened the gate and the annotation skips Kafka: open, with a Warning Event to say so.</summary>
    public static GateAnswer Skipped(GateAnswer readiness, HealthGateQuestion question, NodeIdentity node) =>
        readiness with
        {
            Reason = $"{readiness.Reason}; Kafka checks skipped ({KafkaAnnotations.SkipKafkaChecks})",
            Notice = new GateNotice(ChecksSkippedReason,
                $"Kafka checks skipped for {(question == HealthGateQuestion.CanRestart ? "the restart" : "the removal")} of {node}: " +
                $"annotation {KafkaAnnotations.SkipKafkaChecks}=true; only readiness was checked"),
        };

    /// <summary>Readiness opened the gate and this operator has no Kafka to ask for the cluster (embedded mode): open, with an Event to say so.</summary>
    public static GateAnswer NoKafkaToAsk(GateAnswer readiness, HealthGateQuestion question, NodeIdentity node, string bootstrap) =>
        readiness with
        {
            Reason = $"{readiness.Reason}; no Kafka to ask at {bootstrap}",
            Notice = new GateNotice(NoKafkaReason,
                $"No Kafka to ask before the {(question == HealthGateQuestion.CanRestart ? "restart" : "removal")} of {node}: " +
                $"this operator asks only the Kafka clusters it has an address for, and {bootstrap} is not one; only readiness was checked"),
        };
}
