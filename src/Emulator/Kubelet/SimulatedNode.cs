using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// A simulated node as the API sees it: a registered Node (so the cluster's pod garbage collector
/// leaves its pods alone, and a deleted pod waits for this kubelet to finish it) whose Ready
/// condition says whether its kubelet is alive. The lost annotation is the switch.
/// </summary>
public static class SimulatedNode
{
    public static bool IsLost(V1Node node) =>
        string.Equals(node.GetAnnotation(SimAnnotations.Lost), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The status of the node's Ready condition ("True", "Unknown"…), or null when it has none.</summary>
    public static string? ReadyStatus(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    public static V1Node Manifest(string name, int index) => new()
    {
        ApiVersion = V1Node.KubeApiVersion,
        Kind = V1Node.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string>
            {
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["topology.kubernetes.io/zone"] = $"sim-zone-{index}",
                [SimAnnotations.SimulatedLabel] = "true",
            },
        },
        // Keep real workloads off: only pods this simulator places itself land here.
        Spec = new V1NodeSpec
        {
            Taints = [new V1Taint { Key = SimAnnotations.SimulatedLabel, Value = "true", Effect = "NoSchedule" }],
        },
    };

    /// <summary>The node's status, as a merge patch: Ready True while its kubelet reports, Unknown once it went silent.</summary>
    public static V1Node Status(string name, int index, bool alive, DateTimeOffset now)
    {
        var time = ApiTime.ToApi(now);
        var ready = alive
            ? new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status" }
            : new V1NodeCondition { Type = "Ready", Status = "Unknown", Reason = "NodeStatusUnknown", Message = "Kubelet stopped posting node status." };
        ready.LastHeartbeatTime = time;
        ready.LastTransitionTime = time;
        return new V1Node
        {
            Status = new V1NodeStatus
            {
                Conditions = [ready],
                Addresses =
                [
                    new V1NodeAddress { Type = "InternalIP", Address = PodAddress.HostIp(index) },
                    new V1NodeAddress { Type = "Hostname", Address = name },
                ],
                Capacity = Capacity(),
                Allocatable = Capacity(),
                NodeInfo = new V1NodeSystemInfo
                {
                    KubeletVersion = "v1.32.0-sim", OperatingSystem = "linux", Architecture = "amd64", ContainerRuntimeVersion = "sim://1.0",
                },
            },
        };
    }

    static Dictionary<string, ResourceQuantity> Capacity() => new()
    {
        ["cpu"] = new ResourceQuantity("8"),
        ["memory"] = new ResourceQuantity("32Gi"),
        ["pods"] = new ResourceQuantity("110"),
        ["ephemeral-storage"] = new ResourceQuantity("100Gi"),
    };
}
