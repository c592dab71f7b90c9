using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;

namespace Actors.Grains.Status;

/// <summary>
/// The RollBlocked, ScaleDownBlocked and MetadataVersionBlocked conditions: True with the gate's
/// reason while the health gate holds a roll, a scale-in or the metadata version's raise, False once it lets go. Absent until first blocked, so a
/// cluster that was never blocked does not carry them.
/// </summary>
public static class BlockedConditions
{
    public static readonly string[] Types = [KafkaConditionReasons.RollBlocked, KafkaConditionReasons.ScaleDownBlocked, KafkaConditionReasons.MetadataVersionBlocked];

    public static List<ClusterCondition> Apply(List<ClusterCondition>? conditions, long generation, RolloutStep step, DateTimeOffset now)
    {
        var result = conditions ?? [];
        foreach (var type in Types)
        {
            if (step is Blocked blocked && blocked.Reason == type)
                result = ConditionSet.Set(result, new ClusterCondition
                {
                    Type = type,
                    Status = ConditionStatus.True,
                    ObservedGeneration = generation,
                    Reason = type,
                    Message = blocked.Message,
                }, now);
            else if (ConditionSet.Find(result, type) is not null)
                result = ConditionSet.Set(result, new ClusterCondition
                {
                    Type = type,
                    Status = ConditionStatus.False,
                    ObservedGeneration = generation,
                    Reason = "NotBlocked",
                    Message = "The health gate is not holding anything back.",
                }, now);
        }
        return result;
    }
}
