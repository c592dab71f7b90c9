using Actors.Kafka.Client;
using Actors.Kafka.Protocol;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Actors.Kafka.Admin;

/// <summary>
/// Turns what Confluent.Kafka throws into the same typed failures our own client returns, so a
/// gate holds a step with a reason instead of a grain crashing. librdkafka's local errors
/// (negative codes) tell an unreachable cluster from a slow one; positive codes are Kafka's own.
/// </summary>
internal static class AdminFailures
{
    public static KafkaFailure From(Exception exception, string what) => exception switch
    {
        DescribeConfigsException e => FromReports(e, what),
        KafkaException e => FromError(e.Error, what),
        _ => new KafkaFailure(KafkaFailureKind.ClientFailed, $"{what}: {exception.GetType().Name}: {exception.Message}"),
    };

    public static KafkaFailure FromError(Error error, string what) => error.Code switch
    {
        ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Resolve
            => new KafkaFailure(KafkaFailureKind.Unreachable, $"{what}: cannot reach the cluster: {error.Reason}"),
        ErrorCode.Local_DestroyBroker
            => new KafkaFailure(KafkaFailureKind.ConnectionLost, $"{what}: the connection closed before the answer: {error.Reason}"),
        ErrorCode.Local_TimedOut or ErrorCode.Local_TimedOutQueue or ErrorCode.RequestTimedOut
            => new KafkaFailure(KafkaFailureKind.TimedOut, $"{what}: no answer in time: {error.Reason}"),
        var code when (int)code > 0
            => KafkaFailure.FromError(KafkaError.FromCode((short)code), error.Reason, what),
        _ => new KafkaFailure(KafkaFailureKind.ClientFailed, $"{what}: {error.Code}: {error.Reason}"),
    };

    private static KafkaFailure FromReports(DescribeConfigsException exception, string what)
    {
        var failed = exception.Results.FirstOrDefault(r => r.Error.IsError);
        return failed is null
            ? new KafkaFailure(KafkaFailureKind.ClientFailed, $"{what}: {exception.Message}")
            : FromError(failed.Error, $"{what} {failed.ConfigResource.Type} {failed.ConfigResource.Name}");
    }
}
