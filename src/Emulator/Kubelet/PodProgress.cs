using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>What the kubelet should write for a pod now, and when to look at it again.</summary>
public sealed record PodStep(V1PodStatus Status, DateTimeOffset? WakeAt, bool Remove = false);

/// <summary>
/// The kubelet's decision for one pod bound to a live simulated node, as a pure function of the
/// pod as stored, its script and the time. Level-based: every fact it needs (when the pod started,
/// when a container started or crashed, how often it restarted) is read back from the pod's own
/// status, so a restarted kubelet, or one resumed after a pause, carries on where the API says.
/// Invariants: a pod is Ready only when every container is ready and every readiness gate's
/// condition is True; a crashing container is never ready; transition times move only on change;
/// conditions written by others (readiness gates) are kept untouched.
/// </summary>
public static class PodProgress
{
    /// <summary>Back-off before restarting a crashed container: 10s doubling to 5 minutes, as the kubelet does.</summary>
    public static TimeSpan BackOff(int restartCount) =>
        TimeSpan.FromSeconds(Math.Min(300, 10 * Math.Pow(2, Math.Max(0, restartCount - 1))));

    public static PodStep Run(V1Pod pod, PodScript script, int nodeIndex, DateTimeOffset now)
    {
        var status = ModelCopy.Of(pod.Status ?? new V1PodStatus());
        var wake = new Wake();
        var startTime = ApiTime.FromApi(status.StartTime) ?? now;
        status.StartTime = ApiTime.ToApi(startTime);
        status.HostIP = PodAddress.HostIp(nodeIndex);
        status.PodIP = PodAddress.PodIp(nodeIndex, pod.Metadata.Uid ?? pod.Metadata.Name ?? "");
        status.PodIPs = [new V1PodIP { Ip = status.PodIP }];

        var containersStart = startTime + script.StartDelay;
        var previous = status.ContainerStatuses ?? [];
        var containers = new List<V1ContainerStatus>();
        foreach (var spec in pod.Spec?.Containers ?? [])
            containers.Add(Container(spec, previous.FirstOrDefault(c => c.Name == spec.Name), script, containersStart, pod, now, wake));
        status.ContainerStatuses = containers;

        var created = containers.Count > 0 && containers.All(c => c.State?.Waiting?.Reason == "ContainerCreating");
        status.Phase = created ? "Pending" : "Running";
        status.Reason = null;
        status.Message = null;
        var unready = containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        var containersReady = unready.Count == 0;
        var gate = FirstClosedGate(pod, status);

        PodConditions.Set(status, PodConditions.PodReadyToStartContainers, true, null, null, now);
        PodConditions.Set(status, PodConditions.Initialized, true, null, null, now);
        PodConditions.Set(status, PodConditions.ContainersReady, containersReady,
            containersReady ? null : "ContainersNotReady", containersReady ? null : $"containers with unready status: [{string.Join(' ', unready)}]", now);
        if (!containersReady)
            PodConditions.Set(status, PodConditions.Ready, false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]", now);
        else if (gate is not null)
            PodConditions.Set(status, PodConditions.Ready, false, "ReadinessGatesNotReady", gate, now);
        else
            PodConditions.Set(status, PodConditions.Ready, true, null, null, now);
        return new PodStep(status, wake.At);
    }

    /// <summary>
    /// A pod with a deletionTimestamp: its containers keep running until min(grace, shutdown time)
    /// after the delete was asked for, then stop; the kubelet then removes the pod (grace 0).
    /// </summary>
    public static PodStep Terminate(V1Pod pod, TimeSpan shutdownTime, DateTimeOffset now)
    {
        var status = ModelCopy.Of(pod.Status ?? new V1PodStatus());
        var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? 0);
        var asked = ApiTime.FromApi(pod.Metadata.DeletionTimestamp) is { } deadline ? deadline - grace : now;
        var stopAt = asked + (grace < shutdownTime ? grace : shutdownTime);
        if (now < stopAt) return new PodStep(status, stopAt);

        var containers = new List<V1ContainerStatus>();
        foreach (var spec in pod.Spec?.Containers ?? [])
        {
            var old = status.ContainerStatuses?.FirstOrDefault(c => c.Name == spec.Name);
            var terminated = old?.State?.Terminated ?? new V1ContainerStateTerminated
            {
                ExitCode = 0, Reason = "Completed", StartedAt = old?.State?.Running?.StartedAt, FinishedAt = ApiTime.ToApi(now),
            };
            containers.Add(new V1ContainerStatus
            {
                Name = spec.Name, Image = spec.Image, ImageID = old?.ImageID, ContainerID = old?.ContainerID,
                RestartCount = old?.RestartCount ?? 0, Ready = false, Started = false,
                State = new V1ContainerState { Terminated = terminated }, LastState = old?.LastState,
            });
        }
        status.ContainerStatuses = containers;
        status.Phase = containers.All(c => c.State!.Terminated!.ExitCode == 0) ? "Succeeded" : "Failed";
        PodConditions.Set(status, PodConditions.PodReadyToStartContainers, false, null, null, now);
        PodConditions.Set(status, PodConditions.ContainersReady, false, "PodCompleted", null, now);
        PodConditions.Set(status, PodConditions.Ready, false, "PodCompleted", null, now);
        return new PodStep(status, null, Remove: true);
    }

    /// <summary>What the node lifecycle controller does to pods of a node that stopped reporting: Ready=False.</summary>
    public static V1PodStatus NodeLost(V1Pod pod, string node, DateTimeOffset now)
    {
        var status = ModelCopy.Of(pod.Status ?? new V1PodStatus());
        if (status.Phase is "Succeeded" or "Failed") return status;
        PodConditions.Set(status, PodConditions.Ready, false, "NodeNotReady", $"Node {node} is not ready", now);
        return status;
    }

    /// <summary>The scheduler's word on a pod it cannot place yet.</summary>
    public static V1PodStatus Unschedulable(V1Pod pod, string message, DateTimeOffset now)
    {
        var status = ModelCopy.Of(pod.Status ?? new V1PodStatus());
        status.Phase ??= "Pending";
        PodConditions.Set(status, PodConditions.PodScheduled, false, "Unschedulable", message, now);
        return status;
    }

    static V1ContainerStatus Container(V1Container spec, V1ContainerStatus? old, PodScript script, DateTimeOffset containersStart,
        V1Pod pod, DateTimeOffset now, Wake wake)
    {
        var status = new V1ContainerStatus
        {
            Name = spec.Name,
            Image = spec.Image,
            ImageID = $"sim.actors.dev/{spec.Image}@sha256:simulated",
            RestartCount = old?.RestartCount ?? 0,
            LastState = old?.LastState,
            State = old?.State,
        };
        // Each step may unlock the next (a long pause can cover start, crash and restart); the
        // loop ends because every transition into running or back-off moves a deadline past now.
        for (var guard = 0; guard < 8; guard++)
        {
            if (status.State?.Running is { } running)
            {
                var started = ApiTime.FromApi(running.StartedAt) ?? now;
                if (script.CrashesAt(status.RestartCount))
                {
                    var crashAt = started + script.CrashAfter;
                    if (now < crashAt) { wake.Before(crashAt); break; }
                    status.LastState = new V1ContainerState
                    {
                        Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", Message = script.CrashMessage, StartedAt = ApiTime.ToApi(started), FinishedAt = ApiTime.ToApi(crashAt) },
                    };
                    status.RestartCount++;
                    status.State = new V1ContainerState
                    {
                        Waiting = new V1ContainerStateWaiting
                        {
                            Reason = "CrashLoopBackOff",
                            Message = $"back-off {GoDuration.Format(BackOff(status.RestartCount))} restarting failed container={spec.Name} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})",
                        },
                    };
                    continue;
                }
                var readyAt = started + script.ReadyDelay;
                status.Ready = !script.NeverReady && now >= readyAt;
                if (!status.Ready && !script.NeverReady) wake.Before(readyAt);
                break;
            }
            if (status.State?.Waiting?.Reason == "CrashLoopBackOff")
            {
                var finished = ApiTime.FromApi(status.LastState?.Terminated?.FinishedAt) ?? now;
                var restartAt = finished + BackOff(status.RestartCount);
                if (now < restartAt) { wake.Before(restartAt); break; }
                status.State = Running(now);
                continue;
            }
            if (status.State?.Terminated is not null) break;
            // Not started yet (new, or ContainerCreating).
            if (now < containersStart)
            {
                status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
                wake.Before(containersStart);
                break;
            }
            status.State = Running(now);
        }
        var isRunning = status.State?.Running is not null;
        status.Started = isRunning;
        if (!isRunning) status.Ready = false;
        status.ContainerID = isRunning || status.RestartCount > 0
            ? $"containerd://{pod.Metadata.Uid}-{spec.Name}-{status.RestartCount}"
            : null;
        return status;
    }

    static V1ContainerState Running(DateTimeOffset now) => new() { Running = new V1ContainerStateRunning { StartedAt = ApiTime.ToApi(now) } };

    /// <summary>Why the readiness gates hold the pod back, in the kubelet's words; null when all are True.</summary>
    static string? FirstClosedGate(V1Pod pod, V1PodStatus status)
    {
        foreach (var gate in pod.Spec?.ReadinessGates ?? [])
        {
            var condition = PodConditions.Find(status, gate.ConditionType);
            if (condition is null) return $"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.";
            if (condition.Status != "True") return $"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}";
        }
        return null;
    }

    sealed class Wake
    {
        public DateTimeOffset? At { get; private set; }
        public void Before(DateTimeOffset t) { if (At is null || t < At) At = t; }
    }
}
