using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Client;

/// <summary>
/// The version of a request to send to a broker: the highest both sides speak, from its
/// ApiVersions answer. A broker closes the connection on a version it does not know, so asking
/// first turns "the cluster runs an older Kafka" into a clear reason instead of a lost
/// connection. Pure.
/// </summary>
public static class ApiVersionChoice
{
    public static KafkaResult<short> Pick(ApiVersionsResponse versions, ApiKey api, short ourMin, short ourMax)
    {
        var range = versions.ApiKeys.FirstOrDefault(k => k.ApiKey == (short)api);
        if (range is null)
            return KafkaResult<short>.Failed(new KafkaFailure(KafkaFailureKind.ErrorCode,
                $"{api}: the broker does not offer it (a KRaft cluster of Kafka 3.3 or later is needed)", KafkaError.UnsupportedVersion));
        var highest = Math.Min(range.MaxVersion, ourMax);
        return highest < Math.Max(range.MinVersion, ourMin)
            ? KafkaResult<short>.Failed(new KafkaFailure(KafkaFailureKind.ErrorCode,
                $"{api}: the broker speaks versions {range.MinVersion}-{range.MaxVersion}, the operator {ourMin}-{ourMax}", KafkaError.UnsupportedVersion))
            : KafkaResult<short>.Success((short)highest);
    }
}
