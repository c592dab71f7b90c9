using Actors.Kafka.Client;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Checks;

/// <summary>Why a safety check answered as it did.</summary>
public enum SafetyReason
{
    /// <summary>Kafka answered and the gate is open.</summary>
    Open,
    /// <summary>Kafka answered and the gate holds the step (partitions, quorum, replicas).</summary>
    Held,
    /// <summary>Kafka could not be asked or its answer could not be read: the step is held until it answers.</summary>
    Unanswered,
}

/// <summary>
/// A gate's verdict as asked of a live cluster: the gate's own verdict when Kafka answered, or
/// the failure that stood in its way. Open only when Kafka answered and the gate is open — an
/// unreachable, slow or garbled cluster never lets a step through.
/// </summary>
public sealed class SafetyVerdict<TGate> where TGate : class, IGateVerdict
{
    private readonly string _heldSubject;

    private SafetyVerdict(string heldSubject, TGate? gate, KafkaFailure? failure)
    {
        _heldSubject = heldSubject;
        Gate = gate;
        Failure = failure;
    }

    /// <summary>The gate's verdict; null when Kafka did not answer.</summary>
    public TGate? Gate { get; }

    /// <summary>Why Kafka did not answer; null when it did.</summary>
    public KafkaFailure? Failure { get; }

    public bool IsOpen => Reason == SafetyReason.Open;

    public SafetyReason Reason =>
        Gate is null || Failure is not null ? SafetyReason.Unanswered
        : Gate.IsOpen ? SafetyReason.Open
        : SafetyReason.Held;

    public string Message => Reason == SafetyReason.Unanswered
        ? $"{_heldSubject}: Kafka did not answer ({Failure!.Kind}): {Failure.Message}"
        : Gate!.Message;

    public static SafetyVerdict<TGate> Answered(string heldSubject, TGate gate) => new(heldSubject, gate, null);

    public static SafetyVerdict<TGate> Unanswered(string heldSubject, KafkaFailure failure) => new(heldSubject, null, failure);

    public override string ToString() => $"{Reason}: {Message}";
}
