using System.Collections.Concurrent;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Events;

/// <summary>
/// Writes core/v1 Events on a KafkaCluster, what <c>kubectl describe kc</c> shows. The same reason
/// and message on the same object again bumps the count of the existing Event instead of adding
/// one, as the kubelet's recorder does. An Event that cannot be written is logged, never fatal.
/// </summary>
public sealed class ClusterEventRecorder(KubernetesClient client, TimeProvider time, ILogger<ClusterEventRecorder> logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    public const string Component = "actors-operator";

    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), (string Name, int Count)> _recent = new();

    public async Task RecordAsync(ClusterIdentity cluster, ClusterOwner owner, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        var key = (owner.Uid, reason, message);
        var now = time.GetUtcNow();
        var events = client.Resource<Event>();
        try
        {
            if (_recent.TryGetValue(key, out var seen))
            {
                try
                {
                    await events.PatchAsync(seen.Name, cluster.Namespace, KubernetesPatch.Merge(new { count = seen.Count + 1, lastTimestamp = now }),
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    _recent[key] = (seen.Name, seen.Count + 1);
                    return;
                }
                catch (KubernetesNotFoundException)
                {
                    _recent.TryRemove(key, out _);
                }
            }

            var name = $"{cluster.Name}.{now.ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x1000):x3}";
            await events.CreateAsync(new Event
            {
                Metadata = new ObjectMeta { Name = name, Namespace = cluster.Namespace },
                InvolvedObject = owner.Object(cluster.Namespace),
                Reason = reason,
                Message = message,
                Type = type,
                Source = new EventSource { Component = Component },
                ReportingComponent = Component,
                ReportingInstance = Environment.MachineName,
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            _recent[key] = (name, 1);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(e, "Could not record event {Reason} on {Cluster}: {Message}", reason, cluster, message);
        }
    }
}
