namespace Actors.Kafka.Client;

/// <summary>A response, or the failure that took its place; never both.</summary>
public sealed class KafkaResult<T>
{
    private readonly T? _value;

    private KafkaResult(T? value, KafkaFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public KafkaFailure? Failure { get; }
    public bool Succeeded => Failure is null;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"no value: {Failure}");

    public static KafkaResult<T> Success(T value) => new(value, null);
    public static KafkaResult<T> Failed(KafkaFailure failure) => new(default, failure);

    public KafkaResult<TOut> Then<TOut>(Func<T, KafkaResult<TOut>> next) =>
        Succeeded ? next(_value!) : KafkaResult<TOut>.Failed(Failure!);

    public override string ToString() => Succeeded ? $"Success({_value})" : $"Failed({Failure})";
}
