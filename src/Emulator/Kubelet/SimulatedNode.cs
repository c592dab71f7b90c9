using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Kubernetes;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// A simulated node as the API sees it: a registered Node (so the cluster's pod garbage collector
/// leaves its pods alone, and a deleted pod waits for this kubelet to finish it) whose Ready
/// condition says whether its kubelet is alive. The lost annotation is the switch.
/// </summary>
public static class SimulatedNode
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Node", "nodes", Namespaced: false);

    public static bool IsLost(IKubernetesObject node) =>
        string.Equals(node.Metadata.Annotations?.GetValueOrDefault(SimAnnotations.Lost), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The status of the node's Ready condition ("True", "Unknown"…), or null when it has none.</summary>
    public static string? ReadyStatus(GenericResource node)
    {
        if (node.ExtensionData?.GetValueOrDefault("status") is not { ValueKind: JsonValueKind.Object } status) return null;
        if (!status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array) return null;
        foreach (var c in conditions.EnumerateArray())
            if (c.TryGetProperty("type", out var t) && t.GetString() == "Ready" && c.TryGetProperty("status", out var s))
                return s.GetString();
        return null;
    }

    public static JsonObject Manifest(string name, int index) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject
            {
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["topology.kubernetes.io/zone"] = $"sim-zone-{index}",
                [SimAnnotations.SimulatedLabel] = "true",
            },
        },
        // Keep real workloads off: only pods this simulator places itself land here.
        ["spec"] = new JsonObject
        {
            ["taints"] = new JsonArray(new JsonObject { ["key"] = SimAnnotations.SimulatedLabel, ["value"] = "true", ["effect"] = "NoSchedule" }),
        },
    };

    /// <summary>The node's status: Ready True while its kubelet reports, Unknown once it went silent.</summary>
    public static JsonObject Status(string name, int index, bool alive, DateTimeOffset now)
    {
        var time = now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var ready = alive
            ? new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status" }
            : new JsonObject { ["type"] = "Ready", ["status"] = "Unknown", ["reason"] = "NodeStatusUnknown", ["message"] = "Kubelet stopped posting node status." };
        ready["lastHeartbeatTime"] = time;
        ready["lastTransitionTime"] = time;
        var capacity = new JsonObject { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110", ["ephemeral-storage"] = "100Gi" };
        return new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(ready),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = PodAddress.HostIp(index) },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["capacity"] = capacity,
                ["allocatable"] = capacity.DeepClone(),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.0-sim", ["operatingSystem"] = "linux", ["architecture"] = "amd64", ["containerRuntimeVersion"] = "sim://1.0" },
            },
        };
    }
}
