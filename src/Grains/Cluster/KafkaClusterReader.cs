using System.Text.Json;
using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;

namespace Actors.Grains.Cluster;

/// <summary>What a read of one KafkaCluster found: nothing, the object, or an object the operator cannot read.</summary>
public abstract record ClusterRead
{
    private ClusterRead() { }

    /// <summary>It does not exist (never created, or its finalizer was released).</summary>
    public sealed record Absent : ClusterRead;

    public sealed record Readable(KafkaCluster Cluster) : ClusterRead;

    /// <summary>It exists but does not decode as <see cref="KafkaCluster"/>: nothing may be done from it.</summary>
    public sealed record Unreadable(UnreadableCluster Cluster) : ClusterRead;
}

/// <summary>
/// Reads one KafkaCluster by GET and decodes it itself, so that an object the model cannot hold (a
/// field out of range, a newer schema, a hand edit) is an <see cref="ClusterRead.Unreadable"/>
/// naming the field, never an exception that would make a grain crash or act on half an object.
/// </summary>
public sealed class KafkaClusterReader(IKubernetes client)
{
    public async Task<ClusterRead> ReadAsync(ClusterIdentity cluster, CancellationToken cancellationToken = default)
    {
        object raw;
        try
        {
            raw = await client.CustomObjects.GetNamespacedCustomObjectAsync(KafkaClusterResource.Group, KafkaClusterResource.Version,
                cluster.Namespace, KafkaClusterResource.Plural, cluster.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return new ClusterRead.Absent();
        }

        var element = raw is JsonElement json ? json : JsonSerializer.SerializeToElement(raw);
        return Decode(element);
    }

    /// <summary>Decodes one KafkaCluster as the informer does (same failures, same words), so both report it alike.</summary>
    public static ClusterRead Decode(JsonElement element)
    {
        KafkaCluster? decoded;
        try
        {
            decoded = KubernetesJson.Deserialize<KafkaCluster>(element.GetRawText());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            return new ClusterRead.Unreadable(UnreadableCluster.From(element, Reason(e)));
        }
        return decoded is null
            ? new ClusterRead.Unreadable(UnreadableCluster.From(element, "the object is null"))
            : new ClusterRead.Readable(decoded);
    }

    /// <summary>The decoder's message, which names the JSON path ("$.spec.brokers.replicas").</summary>
    private static string Reason(Exception e) => e is JsonException { Path: { Length: > 0 } path } json && !json.Message.Contains(path, StringComparison.Ordinal)
        ? $"{json.Message} (at {path})"
        : e.Message;
}
