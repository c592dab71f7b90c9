using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Messages;

/// <summary>
/// Random but valid responses for each decoder, from a seed, holding only what the given
/// version can carry (so encoding and decoding should agree exactly).
/// </summary>
internal static class RandomResponses
{
    /// <summary>Every response decoder at every version it reads, as (name, decode).</summary>
    public static readonly IReadOnlyList<(string Name, Func<Random, byte[]> Valid, Func<byte[], object> Decode)> Decoders =
    [
        .. new short[] { 0, 1, 2, 3 }.Select(v => Decoder($"ApiVersions v{v}", r => ApiVersions(r, v), (w, x) => x.Write(w, v), b => ApiVersionsResponse.Read(b, v))),
        .. new short[] { 0, 1, 2 }.Select(v => Decoder($"DescribeQuorum v{v}", r => DescribeQuorum(r, v), (w, x) => x.Write(w, v), b => DescribeQuorumResponse.Read(b, v))),
        .. new short[] { 1, 2 }.Select(v => Decoder($"UpdateFeatures v{v}", r => UpdateFeatures(r, v), (w, x) => x.Write(w, v), b => UpdateFeaturesResponse.Read(b, v))),
        .. Enumerable.Range(0, 13).Select(i => (short)i).Select(v => Decoder($"Metadata v{v}", r => Metadata(r, v), (w, x) => x.Write(w, v), b => MetadataResponse.Read(b, v))),
        .. new short[] { 0, 1, 2, 3, 4 }.Select(v => Decoder($"DescribeConfigs v{v}", r => DescribeConfigs(r, v), (w, x) => x.Write(w, v), b => DescribeConfigsResponse.Read(b, v))),
        .. new short[] { 0, 1 }.Select(v => Decoder($"DescribeCluster v{v}", r => DescribeCluster(r, v), (w, x) => x.Write(w, v), b => DescribeClusterResponse.Read(b, v))),
    ];

    private static (string, Func<Random, byte[]>, Func<byte[], object>) Decoder<T>(
        string name, Func<Random, T> make, Action<KafkaWriter, T> write, Func<KafkaReader, T> read) where T : notnull =>
        (name,
         random => Encode(make(random), write),
         bytes =>
         {
             var reader = new KafkaReader(bytes);
             var decoded = read(reader);
             reader.ExpectEnd(name);
             return decoded;
         });

    public static byte[] Encode<T>(T response, Action<KafkaWriter, T> write)
    {
        var writer = new KafkaWriter();
        write(writer, response);
        return writer.ToArray();
    }

    public static ApiVersionsResponse ApiVersions(Random r, short version)
    {
        var flexible = version >= 3;
        return new ApiVersionsResponse(
            Short(r),
            List(r, 6, () => new ApiVersionRange(Short(r), Short(r), Short(r))),
            version >= 1 ? r.Next() : 0,
            flexible ? List(r, 3, () => new SupportedFeature(Name(r), Short(r), Short(r))) : null,
            flexible && r.Next(2) == 0 ? r.NextInt64() : -1,
            flexible ? List(r, 3, () => new FinalizedFeature(Name(r), Short(r), Short(r))) : null,
            flexible && r.Next(2) == 0);
    }

    public static DescribeQuorumResponse DescribeQuorum(Random r, short version)
    {
        ReplicaState Replica() => new(r.Next(), r.NextInt64(),
            version >= 1 ? r.NextInt64() : -1, version >= 1 ? r.NextInt64() : -1,
            version >= 2 ? new KafkaUuid(r.NextInt64(), r.NextInt64()) : KafkaUuid.Zero);
        return new DescribeQuorumResponse(
            Short(r),
            version >= 2 ? NullableName(r) : null,
            List(r, 2, () => new QuorumTopic(Name(r), List(r, 2, () => new QuorumPartition(
                r.Next(), Short(r), version >= 2 ? NullableName(r) : null, r.Next(), r.Next(), r.NextInt64(),
                List(r, 4, Replica), List(r, 3, Replica))))),
            version >= 2 ? List(r, 3, () => new QuorumNode(r.Next(), List(r, 2, () => new QuorumListener(Name(r), Name(r), (ushort)r.Next(65536))))) : []);
    }

    public static UpdateFeaturesResponse UpdateFeatures(Random r, short version) => new(
        r.Next(), Short(r), NullableName(r),
        version <= 1 ? List(r, 3, () => new FeatureUpdateResult(Name(r), Short(r), NullableName(r))) : []);

    public static MetadataResponse Metadata(Random r, short version)
    {
        List<int> Ids() => List(r, 4, r.Next);
        return new MetadataResponse(
            version >= 3 ? r.Next() : 0,
            List(r, 3, () => new MetadataBroker(r.Next(), Name(r), r.Next(), version >= 1 ? NullableName(r) : null)),
            version >= 2 ? NullableName(r) : null,
            version >= 1 ? r.Next() : -1,
            List(r, 3, () => new MetadataTopic(
                Short(r),
                version >= 12 ? NullableName(r) : Name(r),
                version >= 10 ? new KafkaUuid(r.NextInt64(), r.NextInt64()) : KafkaUuid.Zero,
                version >= 1 && r.Next(2) == 0,
                List(r, 3, () => new MetadataPartition(Short(r), r.Next(), r.Next(), version >= 7 ? r.Next() : -1,
                    Ids(), Ids(), version >= 5 ? Ids() : [])),
                version >= 8 ? r.Next() : MetadataResponse.OperationsNotRequested)),
            version is >= 8 and <= 10 ? r.Next() : MetadataResponse.OperationsNotRequested);
    }

    public static DescribeConfigsResponse DescribeConfigs(Random r, short version) => new(
        r.Next(),
        List(r, 3, () => new DescribeConfigsResult(Short(r), NullableName(r), (ConfigResourceType)(sbyte)r.Next(-128, 128), Name(r),
            List(r, 3, () => new ConfigEntry(
                Name(r), NullableName(r), r.Next(2) == 0,
                version == 0 && r.Next(2) == 0,
                version >= 1 ? (ConfigSource)(sbyte)r.Next(-128, 128) : (ConfigSource)(-1),
                r.Next(2) == 0,
                version >= 1 ? List(r, 2, () => new ConfigSynonym(Name(r), NullableName(r), (ConfigSource)(sbyte)r.Next(-128, 128))) : null,
                version >= 3 ? (sbyte)r.Next(-128, 128) : (sbyte)0,
                version >= 3 ? NullableName(r) : null)))));

    public static DescribeClusterResponse DescribeCluster(Random r, short version) => new(
        r.Next(), Short(r), NullableName(r),
        version >= 1 ? (EndpointType)(sbyte)r.Next(-128, 128) : EndpointType.Brokers,
        Name(r), r.Next(),
        List(r, 3, () => new DescribeClusterBroker(r.Next(), Name(r), r.Next(), NullableName(r))),
        r.Next());

    private static short Short(Random r) => (short)r.Next(short.MinValue, short.MaxValue + 1);

    private static string Name(Random r) =>
        new([.. Enumerable.Range(0, r.Next(0, 20)).Select(_ => "abcdefghij._-é✓"[r.Next(15)])]);

    private static string? NullableName(Random r) => r.Next(3) == 0 ? null : Name(r);

    private static List<T> List<T>(Random r, int max, Func<T> make) => [.. Enumerable.Range(0, r.Next(max + 1)).Select(_ => make())];
}
