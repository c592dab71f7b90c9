using Actors.Contracts.Kafka;

namespace Actors.Grains.Cluster;

/// <summary>
/// Checks a valid spec against what the running cluster already has (<c>status.applied</c>):
/// changes Kafka or Kubernetes cannot carry out safely are refused, and the running cluster is
/// left as it is until the spec is put back.
/// </summary>
public static class SpecChangeValidator
{
    public static IReadOnlyList<SpecError> Validate(AppliedSpec? applied, KafkaClusterSpec spec)
    {
        var errors = new List<SpecError>();
        if (applied is null) return errors;

        if (applied.ControllerReplicas is { } running && spec.Controllers?.Replicas is { } wanted && wanted != running)
            errors.Add(new("spec.controllers.replicas",
                $"changing the number of KRaft controllers of a running cluster ({running} → {wanted}) is not supported: the quorum voters are static; set it back to {running}"));

        CheckStorage("spec.brokers.storage", applied.BrokerStorage, spec.Brokers?.Storage, errors);
        CheckStorage("spec.controllers.storage", applied.ControllerStorage, spec.Controllers?.Storage, errors);

        if (applied.MetadataVersion is { } finalized && spec.Version is { } version && KafkaVersions.IsSupported(version))
        {
            var target = KafkaVersions.MetadataVersionOf(version);
            if (KafkaVersions.CompareMetadataVersions(target, finalized) < 0)
                errors.Add(new("spec.version",
                    $"Kafka {version} (metadata version {target}) cannot run this cluster: its metadata version was raised to {finalized}, and KRaft cannot go back; use {applied.Version ?? "a newer version"} or later"));
        }

        return errors;
    }

    private static void CheckStorage(string path, StorageSpec? applied, StorageSpec? wanted, List<SpecError> errors)
    {
        if (applied is null || wanted is null) return;
        if (Quantity.TryParse(applied.Size, out var before) && Quantity.TryParse(wanted.Size, out var after) && after < before)
            errors.Add(new($"{path}.size",
                $"volumes cannot shrink ({applied.Size} → {wanted.Size}); set it to {applied.Size} or more"));
        if (!string.Equals(applied.StorageClassName ?? "", wanted.StorageClassName ?? "", StringComparison.Ordinal))
            errors.Add(new($"{path}.storageClassName",
                $"the storage class of existing volumes cannot change ('{applied.StorageClassName ?? "(default)"}' → '{wanted.StorageClassName ?? "(default)"}'); set it back"));
    }
}
