using System.Text.RegularExpressions;

namespace Actors.Grains.Cluster;

/// <summary>
/// The Kafka versions this operator knows how to run, each with the KRaft metadata version
/// (<c>metadata.version</c> feature level) it finalizes once every node runs it.
/// </summary>
public static partial class KafkaVersions
{
    // Ordered by metadata version: a later entry never has a lower one.
    private static readonly (string Version, string MetadataVersion)[] Known =
    [
        ("3.7.0", "3.7-IV4"), ("3.7.1", "3.7-IV4"), ("3.7.2", "3.7-IV4"),
        ("3.8.0", "3.8-IV0"), ("3.8.1", "3.8-IV0"),
        ("3.9.0", "3.9-IV0"), ("3.9.1", "3.9-IV0"),
        ("4.0.0", "4.0-IV3"), ("4.0.1", "4.0-IV3"),
        ("4.1.0", "4.1-IV1"), ("4.1.1", "4.1-IV1"),
        ("4.3.0", "4.3-IV0"), ("4.3.1", "4.3-IV0"),
    ];

    /// <summary>The release the sample and the documentation use: the newest known.</summary>
    public static string Current => Known[^1].Version;

    /// <summary>Whether a version runs without ZooKeeper support at all (Kafka 4.0 removed it).</summary>
    public static bool IsKafka4OrLater(string version) => version.Split('.')[0] is var major && int.TryParse(major, out var m) && m >= 4;

    private static readonly string[] MetadataOrder =
        Known.Select(k => k.MetadataVersion).Distinct().ToArray();

    public static IReadOnlyList<string> Supported { get; } = Known.Select(k => k.Version).ToArray();

    public const string DefaultImageRepository = "apache/kafka";

    public static bool IsWellFormed(string? version) => version is not null && VersionFormat().IsMatch(version);

    public static bool IsSupported(string? version) => version is not null && Supported.Contains(version);

    /// <summary>The metadata version of a supported Kafka version, e.g. <c>3.9.0</c> → <c>3.9-IV0</c>.</summary>
    public static string MetadataVersionOf(string version) =>
        Known.First(k => k.Version == version).MetadataVersion;

    /// <summary>Orders metadata versions; unknown ones sort before every known one.</summary>
    public static int CompareMetadataVersions(string a, string b) =>
        Array.IndexOf(MetadataOrder, a).CompareTo(Array.IndexOf(MetadataOrder, b));

    public static string DefaultImage(string version) => $"{DefaultImageRepository}:{version}";

    [GeneratedRegex(@"\A[0-9]+\.[0-9]+\.[0-9]+\z")]
    private static partial Regex VersionFormat();
}
