using System.Text.Json.Nodes;
using Actors.Kubernetes;
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
            return;
        }
        var now = time.GetUtcNow();
        var node = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(node))
        {
            WakeAt(key, null);
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
            await WriteStatusAsync(pod, PodProgress.NodeLost(pod, node, now), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            var ending = PodProgress.Terminate(pod, Options.ShutdownTime, now);
            await WriteStatusAsync(pod, ending.Status, cancellationToken).ConfigureAwait(false);
            WakeAt(key, ending.WakeAt);
            if (ending.Remove)
            {
                logger.LogInformation("Simulated kubelet: containers of {Namespace}/{Pod} stopped; removing it", id.Namespace, id.Name);
                await client.DeleteAsync<Pod>(id.Name, id.Namespace, new DeleteOptions
                {
                    GracePeriodSeconds = 0,
                    Preconditions = new Preconditions { Uid = pod.Metadata.Uid },
                }, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            WakeAt(key, null);
            return;
        }

        if (await RefuseForeignVolumeAsync(pod, cancellationToken).ConfigureAwait(false)) return;
        var step = PodProgress.Run(pod, PodScript.For(pod, Options), index, now);
        var written = await WriteStatusAsync(pod, step.Status, cancellationToken).ConfigureAwait(false);
        WakeAt(key, step.WakeAt);
        var refused = pod.Metadata.Annotations?.ContainsKey(SimAnnotations.CrashMessage) == true;
        if (step.Status.Phase == "Running" && !refused) await RecordVolumeDataAsync(written ?? pod, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a pod first runs: if a volume's meta.properties names another cluster, its Kafka would
    /// exit at once, every time. Scripts it so (a crash loop with the reason); true when it did, and
    /// the pod's own update brings it back here.
    /// </summary>
    async Task<bool> RefuseForeignVolumeAsync(Pod pod, CancellationToken cancellationToken)
    {
        var annotations = pod.Metadata.Annotations ?? [];
        if (annotations.ContainsKey(SimAnnotations.FoundDataFrom) || annotations.ContainsKey(SimAnnotations.CrashMessage)) return false;
        var mounted = SimulatedVolume.ClaimsOf(pod).Select(c => claims.Get(c, pod.Metadata.Namespace)).OfType<PersistentVolumeClaim>();
        if (MetaProperties.Refusal(pod, mounted) is not { } refusal) return false;
        logger.LogInformation("Simulated kubelet: {Namespace}/{Pod} refused by Kafka: {Refusal}", pod.Metadata.Namespace, pod.Metadata.Name, refusal);
        await AnnotatePodAsync(pod.Metadata.Namespace!, pod.Metadata.Name!,
            new() { [SimAnnotations.Crash] = "loop", [SimAnnotations.CrashMessage] = refusal }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The scheduler's part: wait for the pod's claims to bind, then bind the pod to the least loaded live node.</summary>
    async Task ScheduleAsync(Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unbound = SimulatedVolume.ClaimsOf(pod).Where(c => !SimulatedVolume.IsBound(claims.Get(c, pod.Metadata.Namespace))).ToList();
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
        logger.LogInformation("Simulated kubelet: binding {Namespace}/{Pod} to {Node}", pod.Metadata.Namespace, pod.Metadata.Name, node);
        var binding = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Binding",
            ["metadata"] = new JsonObject { ["name"] = pod.Metadata.Name, ["namespace"] = pod.Metadata.Namespace, ["uid"] = pod.Metadata.Uid },
            ["target"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
        };
        var path = $"{Pod.ResourceType.ObjectPath(pod.Metadata.Name!, pod.Metadata.Namespace, "binding")}?fieldManager={FieldManager}";
        lock (gate) placements[pod.Metadata.Uid ?? ""] = node;
        try
        {
            await client.SendAsync(HttpMethod.Post, path, binding, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException e) when (e.Status.Details?.Name is null)
        {
            // A server without pods/binding (the pod itself exists: its 404 would name it). Fall back to a patch.
            await client.PatchAsync<Pod>(pod.Metadata.Name!, pod.Metadata.Namespace,
                KubernetesPatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["nodeName"] = node } }),
                new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
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
    async Task<Pod?> WriteStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        if (KubernetesJson.Serialize(status) == KubernetesJson.Serialize(pod.Status ?? new PodStatus())) return null;
        var next = KubernetesJson.Clone(pod);
        next.Status = status;
        return await client.ReplaceStatusAsync(next, new WriteOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A pod that started with claims mounted "reads" each volume's marker and "writes" its own;
    /// the pod is annotated with what it found on its first claim. Done once per pod uid.
    /// </summary>
    async Task RecordVolumeDataAsync(Pod pod, CancellationToken cancellationToken)
    {
        var mounted = SimulatedVolume.ClaimsOf(pod);
        if (mounted.Count == 0 || pod.Metadata.Annotations?.ContainsKey(SimAnnotations.FoundDataFrom) == true) return;
        string? found = null, volume = null;
        foreach (var name in mounted)
        {
            var claim = await client.GetAsync<PersistentVolumeClaim>(name, pod.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
            if (!SimulatedVolume.IsBound(claim)) return;
            if (VolumeMarker.Write(claim, pod) is { } marks)
            {
                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["resourceVersion"] = claim.Metadata.ResourceVersion,
                        ["annotations"] = new JsonObject(marks.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value)))),
                    },
                };
                claim = await client.PatchAsync<PersistentVolumeClaim>(name, pod.Metadata.Namespace, KubernetesPatch.Merge(patch),
                    new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
            }
            found ??= VolumeMarker.FoundBy(claim, pod);
            volume ??= claim.Spec?.VolumeName;
        }
        var annotate = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [SimAnnotations.FoundDataFrom] = found, [SimAnnotations.DataVolume] = volume },
            },
        };
        await client.PatchAsync<Pod>(pod.Metadata.Name!, pod.Metadata.Namespace, KubernetesPatch.Merge(annotate),
            new PatchOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Simulated kubelet: {Namespace}/{Pod} found data from {Writer} on {Volume}", pod.Metadata.Namespace, pod.Metadata.Name, found, volume);
    }
}
