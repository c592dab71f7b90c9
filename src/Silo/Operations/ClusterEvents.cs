using System.Text.RegularExpressions;
using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using k8s.Models;

namespace Actors.Silo.Operations;

/// <summary>Which core/v1 Events are about a cluster, and how they read in the APIs. Pure.</summary>
public static partial class ClusterEvents
{
    /// <summary>Events whose involved object is the KafkaCluster itself or one of its node pods.</summary>
    public static bool IsAbout(Corev1Event e, string ns, string name)
    {
        var involved = e.InvolvedObject;
        if (involved.NamespaceProperty is { Length: > 0 } eventNs && eventNs != ns) return false;
        return involved.Kind switch
        {
            KafkaClusterResource.Kind => involved.Name == name,
            "Pod" => involved.Name is { } pod && IsNodePod(pod, name),
            _ => false,
        };
    }

    /// <summary>Pods are named &lt;cluster&gt;-&lt;role&gt;-&lt;ordinal&gt;.</summary>
    public static bool IsNodePod(string pod, string cluster) =>
        pod.StartsWith(cluster + "-", StringComparison.Ordinal) && NodeSuffix().IsMatch(pod.AsSpan(cluster.Length + 1));

    public static ClusterEventView ToView(Corev1Event e) => new()
    {
        Type = string.IsNullOrEmpty(e.Type) ? "Normal" : e.Type,
        Reason = e.Reason ?? "",
        Message = e.Message ?? "",
        Time = TimeOf(e),
        Count = Math.Max(1, e.Count ?? 1),
    };

    /// <summary>When the event last happened: lastTimestamp, else eventTime, else when it was first seen.</summary>
    public static DateTimeOffset TimeOf(Corev1Event e) =>
        (e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp) is { } time ? Utc(time) : default;

    /// <summary>The API's times are UTC; the model's DateTime may not say so.</summary>
    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>Oldest first; events of the same instant keep the order the API listed them in.</summary>
    public static IReadOnlyList<ClusterEventView> Timeline(IEnumerable<Corev1Event> events, string ns, string name) =>
        events.Where(e => IsAbout(e, ns, name)).OrderBy(TimeOf).Select(ToView).ToList();

    [GeneratedRegex(@"\A(broker|controller)-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeSuffix();
}
