using Actors.Contracts.Kafka;

namespace Actors.Grains.Cluster;

public static partial class SpecValidator
{
    /// <summary>On Kafka 4.x, no pool may set a server property that 4.0 removed.</summary>
    private static void ValidateRemovedProperties(KafkaClusterSpec spec, List<SpecError> errors)
    {
        if (!KafkaVersions.IsWellFormed(spec.Version) || !KafkaVersions.IsKafka4OrLater(spec.Version!)) return;
        foreach (var (path, pool) in new[] { ("spec.brokers", spec.Brokers), ("spec.controllers", spec.Controllers) })
        foreach (var key in (pool?.Config ?? []).Keys)
            if (RemovedServerProperties.WhyNotOn4(key) is { } why)
                errors.Add(new($"{path}.config[\"{key}\"]", $"{why} (spec.version is {spec.Version})"));
    }
}
