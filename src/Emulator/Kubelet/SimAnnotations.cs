namespace Actors.Emulator.Kubelet;

/// <summary>
/// The simulated kubelet's vocabulary, as annotations any client can set through the API (kubectl
/// annotate, a test, the operator's own manifests). Durations are Go-style: "500ms", "2s", "1m30s".
/// </summary>
public static class SimAnnotations
{
    public const string Prefix = "sim.actors.dev/";

    // ---- on a pod: its script --------------------------------------------------------------------
    /// <summary>How long the containers take to start (Pending/ContainerCreating until then).</summary>
    public const string StartDelay = Prefix + "start-delay";
    /// <summary>How long a started container takes to become ready.</summary>
    public const string ReadyDelay = Prefix + "ready-delay";
    /// <summary>"true": the containers run but never become ready (a failing readiness probe).</summary>
    public const string NeverReady = Prefix + "never-ready";
    /// <summary>"loop": the containers crash forever (CrashLoopBackOff); a number N: they crash N times, then run.</summary>
    public const string Crash = Prefix + "crash";
    /// <summary>How long a crashing container runs before it exits (default 1s).</summary>
    public const string CrashAfter = Prefix + "crash-after";
    /// <summary>Why a crashing container exits: its termination message (set by the kubelet when meta.properties refuses the pod).</summary>
    public const string CrashMessage = Prefix + "crash-message";

    // ---- on a pod: what the kubelet observed -----------------------------------------------------
    /// <summary>Set when the pod starts: the writer ("pod/uid") whose data it found on its volume, or "none" for a fresh volume.</summary>
    public const string FoundDataFrom = Prefix + "found-data-from";
    /// <summary>Set with <see cref="FoundDataFrom"/>: the volume (bound PV name) the pod read.</summary>
    public const string DataVolume = Prefix + "data-volume";

    // ---- on a PVC: the data marker of its volume -------------------------------------------------
    /// <summary>The last pod ("pod/uid") that ran with this volume mounted.</summary>
    public const string LastWriter = Prefix + "last-writer";
    /// <summary>The writer before <see cref="LastWriter"/> ("none" for the first).</summary>
    public const string PreviousWriter = Prefix + "previous-writer";
    /// <summary>How many pods have written the volume.</summary>
    public const string Writes = Prefix + "writes";
    /// <summary>The volume the marker belongs to; a marker for another volume is no data at all.</summary>
    public const string MarkedVolume = Prefix + "volume";
    /// <summary>The <c>cluster.id</c> in the volume's Kafka <c>meta.properties</c>, written by the first pod that used it.</summary>
    public const string MetaClusterId = Prefix + "meta-cluster-id";

    // ---- on a Node ---------------------------------------------------------------------------------
    /// <summary>"true": the node is lost (its kubelet is silent, NotReady) until the annotation goes.</summary>
    public const string Lost = Prefix + "lost";
    /// <summary>Label on every node the simulator registers.</summary>
    public const string SimulatedLabel = Prefix + "simulated";

    public const string None = "none";
}
