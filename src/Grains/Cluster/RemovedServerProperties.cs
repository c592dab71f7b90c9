namespace Actors.Grains.Cluster;

/// <summary>
/// Server properties that Kafka 4.0 removed. A 4.x broker ignores or refuses them, so a spec
/// that still sets them (often carried over from a 3.x cluster) is refused up front, with what
/// to use instead, rather than rolled onto nodes that will not honour them.
/// </summary>
public static class RemovedServerProperties
{
    private static readonly (string Key, string Instead)[] Removed =
    [
        ("log.message.format.version", "remove it: 4.x always writes the v2 message format (KIP-724)"),
        ("log.message.timestamp.difference.max.ms", "use log.message.timestamp.before.max.ms and log.message.timestamp.after.max.ms (KIP-937)"),
        ("offsets.commit.required.acks", "remove it: offset commits always wait for all in-sync replicas (KIP-1041)"),
        ("auto.include.jmx.reporter", "remove it: list org.apache.kafka.common.metrics.JmxReporter in metric.reporters instead"),
    ];

    /// <summary>Why <paramref name="key"/> cannot be set on Kafka 4.x, or null if it can.</summary>
    public static string? WhyNotOn4(string key)
    {
        if (key.StartsWith("zookeeper.", StringComparison.Ordinal))
            return "was removed with ZooKeeper mode in Kafka 4.0; this cluster runs KRaft: remove it";
        foreach (var (removed, instead) in Removed)
            if (key == removed) return $"was removed in Kafka 4.0; {instead}";
        return null;
    }
}
