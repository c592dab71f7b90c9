namespace Actors.Kubernetes;

public sealed class PodStatus : KubernetesModel
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }
    public List<PodCondition>? Conditions { get; set; }
    public List<ContainerStatus>? ContainerStatuses { get; set; }
    public List<ContainerStatus>? InitContainerStatuses { get; set; }
    public string? PodIP { get; set; }
    public List<PodIP>? PodIPs { get; set; }
    public string? HostIP { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? QosClass { get; set; }
}

public sealed class PodIP : KubernetesModel
{
    public string? Ip { get; set; }
}

public sealed class PodCondition : KubernetesModel
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready, or a readiness gate's type.</summary>
    public string Type { get; set; } = "";
    /// <summary>True, False or Unknown.</summary>
    public string Status { get; set; } = "";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

public sealed class ContainerStatus : KubernetesModel
{
    public string Name { get; set; } = "";
    public bool Ready { get; set; }
    public int RestartCount { get; set; }
    public bool? Started { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? ContainerID { get; set; }
    public ContainerState? State { get; set; }
    public ContainerState? LastState { get; set; }
}

public sealed class ContainerState : KubernetesModel
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}

public sealed class ContainerStateWaiting : KubernetesModel
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

public sealed class ContainerStateRunning : KubernetesModel
{
    public DateTimeOffset? StartedAt { get; set; }
}

public sealed class ContainerStateTerminated : KubernetesModel
{
    public int ExitCode { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
