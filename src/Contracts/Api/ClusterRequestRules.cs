using System.Text.RegularExpressions;

namespace Actors.Contracts.Api;

/// <summary>A request field that breaks a rule, and what to do about it.</summary>
public sealed record RequestProblem(string Field, string Message);

/// <summary>
/// The checks both APIs run before anything reaches <see cref="IClusterOperations"/>, so the
/// HTTP and gRPC APIs reject the same input with the same words. Pure functions.
/// </summary>
public static partial class ClusterRequestRules
{
    /// <summary>
    /// Fewest brokers a cluster may be scaled to. A Kafka cluster with no broker holds no
    /// partitions; to stop one entirely, delete the KafkaCluster.
    /// </summary>
    public const int MinBrokers = 1;

    /// <summary>
    /// Most brokers a cluster may be scaled to: node ids of brokers and controllers are drawn
    /// from disjoint ranges, and this keeps the broker range bounded.
    /// </summary>
    public const int MaxBrokers = 1000;

    /// <summary>Namespaces are DNS-1123 labels.</summary>
    public static RequestProblem? CheckNamespace(string? ns) =>
        string.IsNullOrEmpty(ns) ? new("namespace", "namespace is required.")
        : ns.Length > 63 ? new("namespace", $"namespace '{Shorten(ns)}' is longer than 63 characters.")
        : !Dns1123Label().IsMatch(ns)
            ? new("namespace", $"namespace '{Shorten(ns)}' is not a valid DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit.")
        : null;

    /// <summary>Object names are DNS-1123 subdomains, as Kubernetes requires of a KafkaCluster.</summary>
    public static RequestProblem? CheckName(string? name) =>
        string.IsNullOrEmpty(name) ? new("name", "name is required.")
        : name.Length > 253 ? new("name", $"name '{Shorten(name)}' is longer than 253 characters.")
        : !Dns1123Subdomain().IsMatch(name)
            ? new("name", $"name '{Shorten(name)}' is not a valid DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.")
        : null;

    public static RequestProblem? CheckCluster(string? ns, string? name) => CheckNamespace(ns) ?? CheckName(name);

    public static RequestProblem? CheckBrokers(long brokers) =>
        brokers is < MinBrokers or > MaxBrokers
            ? new("brokers", $"brokers must be between {MinBrokers} and {MaxBrokers}, got {brokers}.")
            : null;

    // Long names are cut in messages so an error never echoes a huge input back.
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";

    // \A and \z, not ^ and $: in .NET $ also matches before a final newline ("demo%0A").
    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
}
