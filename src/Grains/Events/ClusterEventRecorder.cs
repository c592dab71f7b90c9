using System.Collections.Concurrent;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Events;

/// <summary>
/// Writes core/v1 Events on a KafkaCluster, what <c>kubectl describe kc</c> shows. The same reason
/// and message on the same object again bumps the count of the existing Event instead of adding
/// one, as the kubelet's recorder does. An Event that cannot be written is logged, never fatal.
/// </summary>
public sealed class ClusterEventRecorder(IKubernetes client, TimeProvider time, ILogger<ClusterEventRecorder> logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    public const string Component = "actors-operator";

    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), (string Name, int Count)> _recent = new();

    public async Task RecordAsync(ClusterIdentity cluster, ClusterOwner owner, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        var key = (owner.Uid, reason, message);
        var now = time.GetUtcNow();
        try
        {
            if (_recent.TryGetValue(key, out var seen))
            {
                try
                {
                    var bump = KubernetesJson.Serialize(new { count = seen.Count + 1, lastTimestamp = now.UtcDateTime });
                    await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(bump, V1Patch.PatchType.MergePatch), seen.Name, cluster.Namespace,
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    _recent[key] = (seen.Name, seen.Count + 1);
                    return;
                }
                catch (HttpOperationException e) when (e.IsNotFound())
                {
                    _recent.TryRemove(key, out _);
                }
            }

            var name = $"{cluster.Name}.{now.ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x1000):x3}";
            await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                ApiVersion = "v1",
                Kind = "Event",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = cluster.Namespace },
                InvolvedObject = owner.Object(cluster.Namespace),
                Reason = reason,
                Message = message,
                Type = type,
                Source = new V1EventSource { Component = Component },
                ReportingComponent = Component,
                ReportingInstance = Environment.MachineName,
                FirstTimestamp = now.UtcDateTime,
                LastTimestamp = now.UtcDateTime,
                Count = 1,
            }, cluster.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            _recent[key] = (name, 1);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(e, "Could not record event {Reason} on {Cluster}: {Message}", reason, cluster, message);
        }
    }
}
