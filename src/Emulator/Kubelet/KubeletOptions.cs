namespace Actors.Emulator.Kubelet;

/// <summary>How the simulated kubelet behaves when a pod's annotations say nothing else.</summary>
public sealed record KubeletOptions
{
    /// <summary>The simulated nodes it registers and runs pods on.</summary>
    public IReadOnlyList<string> NodeNames { get; init; } = ["sim-node-0", "sim-node-1", "sim-node-2"];

    /// <summary>From first sight of a bound pod to its containers running.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>From a container starting to it being ready.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long containers take to stop when a pod is deleted (capped by its grace period).</summary>
    public TimeSpan ShutdownTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a crashing container runs before it exits, unless the pod says otherwise.</summary>
    public TimeSpan CrashAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each live node renews its Lease in kube-node-lease (a real kubelet: 10s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Only pods and claims in these namespaces; null or empty means every namespace.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>Only pods with these labels ("app=kafka,tier in (data)"); null means every pod.</summary>
    public string? PodLabelSelector { get; init; }

    /// <summary>Bind pending claims to simulated volumes (the PV controller's part). Turn off on a cluster that provisions its own.</summary>
    public bool BindVolumes { get; init; } = true;

    /// <summary>Start paused: nothing moves until <see cref="SimulatedKubelet.Paused"/> is set to false.</summary>
    public bool Paused { get; init; }
}
