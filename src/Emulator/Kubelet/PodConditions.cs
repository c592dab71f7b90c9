using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>Condition bookkeeping: the transition time moves only when the status does.</summary>
public static class PodConditions
{
    public const string PodScheduled = "PodScheduled";
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";

    public static V1PodCondition? Find(V1PodStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(V1PodStatus? status, string type) => Find(status, type)?.Status == "True";

    public static void Set(V1PodStatus status, string type, bool value, string? reason, string? message, DateTimeOffset now) =>
        Set(status, type, value ? "True" : "False", reason, message, now);

    public static void Set(V1PodStatus status, string type, string value, string? reason, string? message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var condition = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (condition is null)
        {
            // Kubernetes keeps the built-in conditions in a stable order; append the rest after them.
            condition = new V1PodCondition { Type = type };
            status.Conditions.Add(condition);
        }
        if (condition.Status != value || condition.LastTransitionTime is null) condition.LastTransitionTime = ApiTime.ToApi(now);
        condition.Status = value;
        condition.Reason = reason;
        condition.Message = message;
    }
}
