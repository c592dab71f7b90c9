namespace Actors.Kafka.Features;

/// <summary>
/// A level of the <c>metadata.version</c> feature, the cluster-wide switch raised with
/// UpdateFeatures once every node runs a release that supports it.
/// </summary>
public sealed record MetadataVersion(string Name, short Level)
{
    public const string FeatureName = "metadata.version";

    // Levels as Kafka assigns them (MetadataVersion.java; ≤ 3.9 checked against the 2024 source).
    public static readonly MetadataVersion V3_7_IV4 = new("3.7-IV4", 19);
    public static readonly MetadataVersion V3_8_IV0 = new("3.8-IV0", 20);
    public static readonly MetadataVersion V3_9_IV0 = new("3.9-IV0", 21);
    public static readonly MetadataVersion V4_0_IV3 = new("4.0-IV3", 25);
    public static readonly MetadataVersion V4_1_IV1 = new("4.1-IV1", 27);
    public static readonly MetadataVersion V4_3_IV0 = new("4.3-IV0", 30);

    public static readonly IReadOnlyList<MetadataVersion> Known =
        [V3_7_IV4, V3_8_IV0, V3_9_IV0, V4_0_IV3, V4_1_IV1, V4_3_IV0];

    public static MetadataVersion? FromLevel(short level) => Known.FirstOrDefault(v => v.Level == level);

    public static MetadataVersion? FromName(string name) => Known.FirstOrDefault(v => v.Name == name);

    public override string ToString() => $"{Name} (level {Level})";
}
