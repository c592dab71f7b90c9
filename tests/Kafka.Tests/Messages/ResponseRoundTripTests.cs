using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Messages;

public class ResponseRoundTripTests
{
    public static TheoryData<string> DecoderNames() => [.. RandomResponses.Decoders.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void Any_valid_response_decodes_and_reencodes_to_the_same_bytes(string decoder)
    {
        var (_, valid, decode) = RandomResponses.Decoders.Single(d => d.Name == decoder);
        var property = FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(0, int.MaxValue)),
            seed =>
            {
                var bytes = valid(new Random(seed));
                var decoded = decode(bytes);
                return Reencode(decoded, decoder).SequenceEqual(bytes);
            });

        FsCheck.Check.QuickThrowOnFailure(property);
    }

    private static byte[] Reencode(object decoded, string decoder)
    {
        var version = short.Parse(decoder[(decoder.LastIndexOf('v') + 1)..]);
        var writer = new KafkaWriter();
        switch (decoded)
        {
            case Actors.Kafka.Messages.ApiVersionsResponse a: a.Write(writer, version); break;
            case Actors.Kafka.Messages.DescribeQuorumResponse d: d.Write(writer, version); break;
            case Actors.Kafka.Messages.UpdateFeaturesResponse u: u.Write(writer, version); break;
            case Actors.Kafka.Messages.MetadataResponse m: m.Write(writer, version); break;
            case Actors.Kafka.Messages.DescribeConfigsResponse c: c.Write(writer, version); break;
            case Actors.Kafka.Messages.DescribeClusterResponse d: d.Write(writer, version); break;
            default: throw new InvalidOperationException(decoded.GetType().Name);
        }
        return writer.ToArray();
    }
}
