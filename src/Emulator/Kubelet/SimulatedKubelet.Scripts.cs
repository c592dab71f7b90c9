using k8s;

namespace Actors.Emulator.Kubelet;

// Failure scripts from C#: each is the annotation a user could set with kubectl, written through the API.
public sealed partial class SimulatedKubelet
{
    /// <summary>The pod's containers crash forever (or <paramref name="times"/> times, then run).</summary>
    public Task CrashLoopAsync(string @namespace, string pod, int? times = null, CancellationToken cancellationToken = default) =>
        AnnotatePodAsync(@namespace, pod, new() { [SimAnnotations.Crash] = times is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "loop" }, cancellationToken);

    /// <summary>The pod's containers run but never become ready.</summary>
    public Task NeverReadyAsync(string @namespace, string pod, CancellationToken cancellationToken = default) =>
        AnnotatePodAsync(@namespace, pod, new() { [SimAnnotations.NeverReady] = "true" }, cancellationToken);

    /// <summary>The pod's containers take <paramref name="delay"/> to start (only matters before they started).</summary>
    public Task SlowStartAsync(string @namespace, string pod, TimeSpan delay, CancellationToken cancellationToken = default) =>
        AnnotatePodAsync(@namespace, pod, new() { [SimAnnotations.StartDelay] = GoDuration.Format(delay) }, cancellationToken);

    /// <summary>Ends the crash and never-ready scripts of a pod.</summary>
    public Task HealAsync(string @namespace, string pod, CancellationToken cancellationToken = default) =>
        AnnotatePodAsync(@namespace, pod, new() { [SimAnnotations.Crash] = null, [SimAnnotations.NeverReady] = null }, cancellationToken);

    /// <summary>The node goes silent: NotReady (Unknown), its pods Ready=False and frozen, its deletions pending.</summary>
    public Task LoseNodeAsync(string node, CancellationToken cancellationToken = default) => AnnotateNodeAsync(node, "true", cancellationToken);

    /// <summary>The node comes back: Ready, and its pods carry on from where the API says they are.</summary>
    public Task RestoreNodeAsync(string node, CancellationToken cancellationToken = default) => AnnotateNodeAsync(node, null, cancellationToken);

    Task AnnotatePodAsync(string @namespace, string pod, Dictionary<string, string?> annotations, CancellationToken cancellationToken) =>
        client.CoreV1.PatchNamespacedPodAsync(MergePatch.Annotations(annotations), pod, @namespace, fieldManager: FieldManager, cancellationToken: cancellationToken);

    Task AnnotateNodeAsync(string node, string? lost, CancellationToken cancellationToken)
    {
        if (NodeIndex(node) < 0) throw new ArgumentException($"'{node}' is not one of this kubelet's nodes ({string.Join(", ", Options.NodeNames)}).", nameof(node));
        return client.CoreV1.PatchNodeAsync(MergePatch.Annotations([KeyValuePair.Create(SimAnnotations.Lost, lost)]), node, cancellationToken: cancellationToken);
    }
}
