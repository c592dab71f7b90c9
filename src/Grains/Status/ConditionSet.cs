using System.Globalization;
using Actors.Contracts.Kafka;

namespace Actors.Grains.Status;

/// <summary>
/// Conditions in the Kubernetes convention: setting a condition keeps its lastTransitionTime
/// unless its status actually changes, so the time says when the state began, not when it was last written.
/// </summary>
public static class ConditionSet
{
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static List<ClusterCondition> Set(
        IReadOnlyList<ClusterCondition>? existing, ClusterCondition condition, DateTimeOffset now)
    {
        var result = new List<ClusterCondition>(existing ?? []);
        var index = result.FindIndex(c => c.Type == condition.Type);
        var previous = index >= 0 ? result[index] : null;
        var transition = previous is not null && previous.Status == condition.Status && previous.LastTransitionTime is not null
            ? previous.LastTransitionTime
            : Timestamp(now);
        var updated = condition with { LastTransitionTime = transition };
        if (index >= 0) result[index] = updated;
        else result.Add(updated);
        return result;
    }

    public static ClusterCondition? Find(IReadOnlyList<ClusterCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);
}
