using System.Text.Json.Nodes;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// The effects around PodProgress: schedule, write status, record volume data, finish deletions.
public sealed partial class SimulatedKubelet
{
    async Task PodStepAsync((string Namespace, string Name) id, CancellationToken cancellationToken)
    {
        var key = $"{PodKey}{id.Namespace}/{id.Name}";
        var pod = pods.Get(id.Name, id.Namespace);
        if (pod is null || !Manages(id.Namespace))
        {
            WakeAt(key, null);
            if (pod is null && Manages(id.Namespace)) Report(id.Namespace, id.Name, ready: false);
            return;
        }
        var now = time.GetUtcNow();
        var node = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(node))
        {
            WakeAt(key, null);
            Report(id.Namespace, id.Name, ready: false);
            if (pod.Metadata.DeletionTimestamp is null) await ScheduleAsync(pod, now, cancellationToken).ConfigureAwait(false);
            return;
        }
        var index = NodeIndex(node);
        if (index < 0)
        {
            WakeAt(key, null);
            return;
        }
        if (LostNodes().Contains(node))
        {
            // The node's kubelet is silent: only the node controller acts, marking the pod not ready.
            WakeAt(key, null);
            Report(id.Namespace, id.Name, ready: false);
            await WriteStatusAsync(pod, PodProgress.NodeLost(pod, node, now), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            Report(id.Namespace, id.Name, ready: false);
            var ending = PodProgress.Terminate(pod, Options.ShutdownTime, now);
            await WriteStatusAsync(pod, ending.Status, cancellationToken).ConfigureAwait(false);
            WakeAt(key, ending.WakeAt);
            if (ending.Remove)
            {
                logger.LogInformation("Simulated kubelet: containers of {Namespace}/{Pod} stopped; removing it", id.Namespace, id.Name);
                await client.CoreV1.DeleteNamespacedPodAsync(id.Name, id.Namespace, new V1DeleteOptions
                {
                    GracePeriodSeconds = 0,
                    Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid },
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            WakeAt(key, null);
            Report(id.Namespace, id.Name, ready: false);
            return;
        }

        if (await RefuseForeignVolumeAsync(pod, cancellationToken).ConfigureAwait(false)) return;
        var step = PodProgress.Run(pod, PodScript.For(pod, Options), index, now);
        var written = await WriteStatusAsync(pod, step.Status, cancellationToken).ConfigureAwait(false);
        WakeAt(key, step.WakeAt);
        Report(id.Namespace, id.Name, PodConditions.IsTrue(step.Status, PodConditions.Ready));
        var refused = pod.Metadata.Annotations?.ContainsKey(SimAnnotations.CrashMessage) == true;
        if (step.Status.Phase == "Running" && !refused) await RecordVolumeDataAsync(written ?? pod, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a pod first runs: if a volume's meta.properties names another cluster, its Kafka would
    /// exit at once, every time. Scripts it so (a crash loop with the reason); true when it did, and
    /// the pod's own update brings it back here.
    /// </summary>
    async Task<bool> RefuseForeignVolumeAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var annotations = pod.Metadata.Annotations ?? new Dictionary<string, string>();
        if (annotations.ContainsKey(SimAnnotations.FoundDataFrom) || annotations.ContainsKey(SimAnnotations.CrashMessage)) return false;
        var mounted = SimulatedVolume.ClaimsOf(pod).Select(c => claims.Get(c, pod.Metadata.NamespaceProperty)).OfType<V1PersistentVolumeClaim>();
        if (MetaProperties.Refusal(pod, mounted) is not { } refusal) return false;
        logger.LogInformation("Simulated kubelet: {Namespace}/{Pod} refused by Kafka: {Refusal}", pod.Metadata.NamespaceProperty, pod.Metadata.Name, refusal);
        await AnnotatePodAsync(pod.Metadata.NamespaceProperty!, pod.Metadata.Name!,
            new() { [SimAnnotations.Crash] = "loop", [SimAnnotations.CrashMessage] = refusal }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The scheduler's part: wait for the pod's claims to bind, then bind the pod to the least loaded live node.</summary>
    async Task ScheduleAsync(V1Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unbound = SimulatedVolume.ClaimsOf(pod).Where(c => !SimulatedVolume.IsBound(claims.Get(c, pod.Metadata.NamespaceProperty))).ToList();
        if (unbound.Count > 0)
        {
            var message = $"0/{Options.NodeNames.Count} nodes are available: pod has unbound immediate PersistentVolumeClaims ({string.Join(", ", unbound)}).";
            await WriteStatusAsync(pod, PodProgress.Unschedulable(pod, message, now), cancellationToken).ConfigureAwait(false);
            return;
        }
        var lost = LostNodes();
        var node = NodePlacement.Choose(Options.NodeNames, PlacedPods(), lost);
        if (node is null)
        {
            var message = $"0/{Options.NodeNames.Count} nodes are available: {lost.Count} node(s) had untolerated taint {{node.kubernetes.io/unreachable: }}.";
            await WriteStatusAsync(pod, PodProgress.Unschedulable(pod, message, now), cancellationToken).ConfigureAwait(false);
            return;
        }
        logger.LogInformation("Simulated kubelet: binding {Namespace}/{Pod} to {Node}", pod.Metadata.NamespaceProperty, pod.Metadata.Name, node);
        var binding = new V1Binding
        {
            ApiVersion = V1Binding.KubeApiVersion,
            Kind = V1Binding.KubeKind,
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty, Uid = pod.Metadata.Uid },
            Target = new V1ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
        };
        lock (gate) placements[pod.Metadata.Uid ?? ""] = node;
        try
        {
            await client.CoreV1.CreateNamespacedPodBindingAsync(binding, pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e.IsNotFound() && e.ApiStatus()?.Details?.Name is null)
        {
            // A server without pods/binding (the pod itself exists: its 404 would name it). Fall back to a patch.
            await client.CoreV1.PatchNamespacedPodAsync(MergePatch.FromJson(new JsonObject { ["spec"] = new JsonObject { ["nodeName"] = node } }),
                pod.Metadata.Name, pod.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The node of every live pod, counting the ones this kubelet just bound whose binding the
    /// informer has not shown yet, so pods created together still spread.
    /// </summary>
    List<string> PlacedPods()
    {
        var live = pods.List().Where(p => p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        lock (gate)
        {
            var uids = live.Select(p => p.Metadata.Uid ?? "").ToHashSet();
            foreach (var gone in placements.Keys.Where(u => !uids.Contains(u)).ToList()) placements.Remove(gone);
            return [.. live.Select(p => p.Spec?.NodeName is { Length: > 0 } n ? n : placements.GetValueOrDefault(p.Metadata.Uid ?? "")).OfType<string>()];
        }
    }

    /// <summary>Writes the status when it differs from the stored one; returns the stored pod, or null when nothing changed.</summary>
    async Task<V1Pod?> WriteStatusAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken)
    {
        if (KubernetesJson.Serialize(status) == KubernetesJson.Serialize(pod.Status ?? new V1PodStatus())) return null;
        var next = ModelCopy.Of(pod);
        next.Status = status;
        return await client.CoreV1.ReplaceNamespacedPodStatusAsync(next, pod.Metadata.Name, pod.Metadata.NamespaceProperty,
            fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A pod that started with claims mounted "reads" each volume's marker and "writes" its own;
    /// the pod is annotated with what it found on its first claim. Done once per pod uid.
    /// </summary>
    async Task RecordVolumeDataAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var mounted = SimulatedVolume.ClaimsOf(pod);
        if (mounted.Count == 0 || pod.Metadata.Annotations?.ContainsKey(SimAnnotations.FoundDataFrom) == true) return;
        string? found = null, volume = null;
        foreach (var name in mounted)
        {
            var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (!SimulatedVolume.IsBound(claim)) return;
            if (VolumeMarker.Write(claim, pod) is { } marks)
            {
                claim = await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
                    MergePatch.Annotations(marks.Select(m => KeyValuePair.Create(m.Key, (string?)m.Value)), claim.Metadata.ResourceVersion),
                    name, pod.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            found ??= VolumeMarker.FoundBy(claim, pod);
            volume ??= claim.Spec?.VolumeName;
        }
        var annotate = MergePatch.Annotations([KeyValuePair.Create(SimAnnotations.FoundDataFrom, found), KeyValuePair.Create(SimAnnotations.DataVolume, volume)]);
        await client.CoreV1.PatchNamespacedPodAsync(annotate, pod.Metadata.Name, pod.Metadata.NamespaceProperty,
            fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Simulated kubelet: {Namespace}/{Pod} found data from {Writer} on {Volume}", pod.Metadata.NamespaceProperty, pod.Metadata.Name, found, volume);
    }
}
