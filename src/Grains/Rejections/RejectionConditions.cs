using Actors.Contracts.Kafka;
using Actors.Grains.Status;

namespace Actors.Grains.Rejections;

/// <summary>
/// Standing rejections in the status: <c>Degraded=True</c>, the reason of the first (e.g.
/// "PodDisruptionBudgetNotServed") and a message that names each object, quotes the server and
/// says what it means for the cluster. With none, the conditions are left as they were built.
/// Refused status writes are left out: a status that carries them was written, so they are over.
/// </summary>
public static class RejectionConditions
{
    public static List<ClusterCondition> Apply(List<ClusterCondition>? conditions, long generation, IReadOnlyList<Rejection> rejections, DateTimeOffset now)
    {
        var result = conditions ?? [];
        rejections = [.. rejections.Where(r => !r.Target.WritesStatus)];
        if (rejections.Count == 0) return result;
        return ConditionSet.Set(result, new ClusterCondition
        {
            Type = KafkaConditionTypes.Degraded,
            Status = ConditionStatus.True,
            ObservedGeneration = generation,
            Reason = rejections[0].Reason,
            Message = Message(rejections),
        }, now);
    }

    /// <summary>One sentence per rejection; stable while the refusals are, so the status is not rewritten on every retry.</summary>
    public static string Message(IReadOnlyList<Rejection> rejections) =>
        string.Join(" ", rejections.Select(r => $"{r.Describe()}. {StepDependencies.Consequence(r.Target.Role)} Retrying with back-off."));
}
