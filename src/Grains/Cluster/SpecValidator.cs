using System.Text.RegularExpressions;
using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;

namespace Actors.Grains.Cluster;

/// <summary>
/// Checks a <c>KafkaCluster</c> spec on its own, before anything is acted upon. Every problem is
/// reported with the path of the field, so the <c>Ready=False/InvalidSpec</c> condition tells the
/// user exactly what to fix. Checks against the running cluster live in <see cref="SpecChangeValidator"/>.
/// </summary>
public static partial class SpecValidator
{
    public const int MaxControllers = 9;
    public const int MaxMinReadySeconds = 3600;
    public const int MaxConfigBytes = 512 * 1024;

    public static IReadOnlyList<SpecError> Validate(string clusterName, KafkaClusterSpec? spec)
    {
        var errors = new List<SpecError>();
        if (clusterName.Length > ClusterIdentity.MaxNameLength || !DnsLabel().IsMatch(clusterName))
            errors.Add(new("metadata.name",
                $"must be a DNS label of at most {ClusterIdentity.MaxNameLength} characters (lower case letters, digits, '-'), so that pod and Service names derived from it stay valid"));
        if (spec is null)
        {
            errors.Add(new("spec", "is required"));
            return errors;
        }

        ValidateVersion(spec, errors);
        ValidateRemovedProperties(spec, errors);
        ValidatePool("spec.brokers", spec.Brokers, 1, NodeIdentity.MaxBrokers, requireOdd: false, errors);
        ValidatePool("spec.controllers", spec.Controllers, 1, MaxControllers, requireOdd: true, errors);
        ValidateListeners(spec.Listeners, errors);
        ValidateRollout(spec.Rollout, errors);
        ValidateRetention(spec.PersistentVolumeClaimRetentionPolicy, errors);
        return errors;
    }

    private static void ValidateVersion(KafkaClusterSpec spec, List<SpecError> errors)
    {
        if (string.IsNullOrWhiteSpace(spec.Version))
            errors.Add(new("spec.version", $"is required; supported versions: {string.Join(", ", KafkaVersions.Supported)}"));
        else if (!KafkaVersions.IsWellFormed(spec.Version))
            errors.Add(new("spec.version", $"{Shown(spec.Version)} is not a version like {KafkaVersions.Current}"));
        else if (!KafkaVersions.IsSupported(spec.Version))
            errors.Add(new("spec.version", $"Kafka {Shown(spec.Version)} is not supported; supported versions: {string.Join(", ", KafkaVersions.Supported)}"));

        if (spec.Image is not null && ImageReference.Problem(spec.Image) is { } imageProblem)
            errors.Add(new("spec.image", $"{Shown(spec.Image)} {imageProblem}"));
    }

    private static void ValidatePool(string path, NodePoolSpec? pool, int min, int max, bool requireOdd, List<SpecError> errors)
    {
        if (pool is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        if (pool.Replicas is not { } replicas)
            errors.Add(new($"{path}.replicas", "is required"));
        else if (replicas < min || replicas > max)
            errors.Add(new($"{path}.replicas", $"must be between {min} and {max}, got {replicas}"));
        else if (requireOdd && replicas % 2 == 0)
            errors.Add(new($"{path}.replicas", $"must be odd so the KRaft quorum has a majority, got {replicas}"));

        ValidateStorage($"{path}.storage", pool.Storage, errors);
        ValidateResources($"{path}.resources", pool.Resources, errors);
        ValidateConfig($"{path}.config", pool.Config, errors);
        ValidateScheduling(path, pool, errors);
    }

    private static void ValidateStorage(string path, StorageSpec? storage, List<SpecError> errors)
    {
        if (storage?.Size is not { } size)
        {
            errors.Add(new($"{path}.size", "is required, e.g. 100Gi"));
            return;
        }

        if (!Quantity.TryParse(size, out var bytes))
            errors.Add(new($"{path}.size", $"{Shown(size)} is not a Kubernetes quantity like 100Gi"));
        else if (bytes <= 0)
            errors.Add(new($"{path}.size", $"must be greater than zero, got {Shown(size)}"));

        if (storage.StorageClassName is { } storageClass && LabelSyntax.DnsSubdomainProblem(storageClass) is { } classProblem)
            errors.Add(new($"{path}.storageClassName", $"{Shown(storageClass)} is not a valid StorageClass name: it {classProblem}"));
    }

    private static void ValidateConfig(string path, Dictionary<string, string>? config, List<SpecError> errors)
    {
        // Each node's properties go into one ConfigMap, which the API server caps at 1 MiB; half of
        // it for the overrides leaves room for the rendered ones and is far beyond any real config.
        var bytes = config is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(KafkaNodeConfig.ToPropertiesText(config));
        if (bytes > MaxConfigBytes)
            errors.Add(new(path, $"is {bytes} bytes as server properties; at most {MaxConfigBytes} fit in the node's ConfigMap"));

        foreach (var (key, _) in config ?? [])
        {
            if (!PropertyName().IsMatch(key))
                errors.Add(new($"{path}[{Shown(key)}]", "is not a valid server property name (letters, digits, '.', '-' and '_', at most 249 characters)"));
            else if (KafkaNodeConfig.IsOperatorOwned(key))
                errors.Add(new($"{path}[\"{key}\"]",
                    "is set by the operator from the node's identity and cannot be overridden; remove it"));
        }
    }

    private static void ValidateListeners(List<ListenerSpec>? listeners, List<SpecError> errors)
    {
        if (listeners is null) return;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ports = new HashSet<int>();
        for (var i = 0; i < listeners.Count; i++)
        {
            var path = $"spec.listeners[{i}]";
            var listener = listeners[i];
            if (listener.Name is not { } name || !ListenerName().IsMatch(name))
                errors.Add(new($"{path}.name", "must be 1 to 11 lower case letters or digits, starting with a letter"));
            else if (KafkaListeners.ReservedNames.Contains(name.ToUpperInvariant()))
                errors.Add(new($"{path}.name", $"'{name}' is reserved for the operator's own listeners"));
            else if (!names.Add(name))
                errors.Add(new($"{path}.name", $"'{name}' is used by another listener"));

            if (listener.Port is not { } port)
                errors.Add(new($"{path}.port", "is required"));
            else if (port is < 1024 or > 65535)
                errors.Add(new($"{path}.port", $"must be between 1024 and 65535 (Kafka runs as non-root), got {port}"));
            else if (KafkaListeners.ReservedPorts.Contains(port))
                errors.Add(new($"{path}.port", $"{port} is reserved for the operator's own listeners ({string.Join(", ", KafkaListeners.ReservedPorts)})"));
            else if (!ports.Add(port))
                errors.Add(new($"{path}.port", $"{port} is used by another listener"));

            if ((listener.Type ?? KafkaSpecValues.Internal) != KafkaSpecValues.Internal)
                errors.Add(new($"{path}.type", $"only '{KafkaSpecValues.Internal}' listeners are supported, got '{listener.Type}'"));
            if (listener.Tls == true)
                errors.Add(new($"{path}.tls", "TLS listeners are not supported yet; set tls: false"));
        }
    }

    private static void ValidateRollout(RolloutSpec? rollout, List<SpecError> errors)
    {
        if (rollout is null) return;
        if (rollout.MaxUnavailable is < 1)
            errors.Add(new("spec.rollout.maxUnavailable", $"must be at least 1, got {rollout.MaxUnavailable}"));
        if (rollout.PodManagementPolicy is { } policy && policy is not (KafkaSpecValues.OrderedReady or KafkaSpecValues.Parallel))
            errors.Add(new("spec.rollout.podManagementPolicy", $"must be OrderedReady or Parallel, got '{policy}'"));
        if (rollout.MinReadySeconds is < 0 or > MaxMinReadySeconds)
            errors.Add(new("spec.rollout.minReadySeconds", $"must be between 0 and {MaxMinReadySeconds}, got {rollout.MinReadySeconds}"));
    }

    private static void ValidateRetention(PvcRetentionPolicySpec? policy, List<SpecError> errors)
    {
        if (policy is null) return;
        const string path = "spec.persistentVolumeClaimRetentionPolicy";
        if (policy.WhenDeleted is { } deleted && deleted is not (KafkaSpecValues.Retain or KafkaSpecValues.Delete))
            errors.Add(new($"{path}.whenDeleted", $"must be Retain or Delete, got '{deleted}'"));
        if (policy.WhenScaled is { } scaled && scaled is not (KafkaSpecValues.Retain or KafkaSpecValues.Delete))
            errors.Add(new($"{path}.whenScaled", $"must be Retain or Delete, got '{scaled}'"));
    }

    /// <summary>
    /// A value as the messages show it: quoted, control characters escaped (a trailing newline is
    /// the whole problem with "10Gi\n"), and cut short so a 64 KB value does not become a 64 KB condition.
    /// </summary>
    internal static string Shown(string value)
    {
        const int limit = 64;
        var text = new System.Text.StringBuilder("\"");
        foreach (var c in value.Length > limit ? value[..limit] : value)
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        text.Append(value.Length > limit ? $"\"… ({value.Length} characters)" : "\"");
        return text.ToString();
    }

    // \A and \z, not ^ and $: in .NET $ also matches before a final newline.
    [GeneratedRegex(@"\A[a-z]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"\A[a-z][a-z0-9]{0,10}\z")]
    private static partial Regex ListenerName();

    /// <summary>Kafka's property names are dotted words of letters, digits, '-' and '_'; the length bound is generous.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,249}\z")]
    private static partial Regex PropertyName();
}

public static partial class SpecValidator
{
    /// <summary>The whole admission: the spec on its own, then (only if that passes) against what is applied.</summary>
    public static IReadOnlyList<SpecError> Validate(string clusterName, KafkaClusterSpec? spec, AppliedSpec? applied)
    {
        var errors = Validate(clusterName, spec);
        return errors.Count > 0 ? errors : SpecChangeValidator.Validate(applied, spec!);
    }

    /// <summary>
    /// The admission of a KafkaCluster as read from the API: its spec judged against the operator's
    /// own record of what runs (<see cref="AppliedRecord"/>), never against a status it did not write.
    /// </summary>
    public static IReadOnlyList<SpecError> Admit(string clusterName, KafkaCluster resource) =>
        Validate(clusterName, resource.Spec, AppliedRecord.Of(resource));
}
