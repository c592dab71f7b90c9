using Actors.Kafka.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Messages;

// Every response decoder fed bytes a broken or hostile broker could send. The only acceptable
// outcomes are a decoded response or a KafkaDecodeException, and decoding never allocates
// more than a small multiple of the input, whatever lengths the bytes claim.
public class ResponseDecoderFuzzTests
{
    public static TheoryData<string> DecoderNames() => [.. RandomResponses.Decoders.Select(d => d.Name)];

    private static (string Name, Func<Random, byte[]> Valid, Func<byte[], object> Decode) Decoder(string name) =>
        RandomResponses.Decoders.Single(d => d.Name == name);

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void Random_bytes_decode_or_fail_cleanly(string decoder)
    {
        var (_, _, decode) = Decoder(decoder);
        Check(Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes => DecodesCleanly(decode, bytes)));
    }

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void A_truncated_response_is_always_a_decode_error(string decoder)
    {
        var (_, valid, decode) = Decoder(decoder);
        Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, int.MaxValue)), (seed, cut) =>
        {
            var bytes = valid(new Random(seed));
            var truncated = bytes[..(cut % bytes.Length)];
            return Throws(decode, truncated) is KafkaDecodeException;
        }));
    }

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void A_corrupted_response_decodes_or_fails_cleanly(string decoder)
    {
        var (_, valid, decode) = Decoder(decoder);
        Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, int.MaxValue)), (seed, flips) =>
        {
            var random = new Random(seed ^ flips);
            var bytes = valid(new Random(seed));
            for (var i = 0; i < 1 + flips % 4 && bytes.Length > 0; i++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            return DecodesCleanly(decode, bytes);
        }));
    }

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void An_absurd_length_anywhere_fails_cleanly_without_a_huge_allocation(string decoder)
    {
        // Lengths and counts near 2^31 or 2^32, as unsigned varints and as int16/int32.
        byte[][] absurd = [[0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0xFE, 0xFF, 0xFF, 0xFF, 0x07], [0x7F, 0xFF, 0xFF, 0xFF], [0x7F, 0xFF]];
        var (_, valid, decode) = Decoder(decoder);
        Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, int.MaxValue)), (seed, where) =>
        {
            var bytes = valid(new Random(seed));
            var at = where % (bytes.Length + 1);
            var length = absurd[where % absurd.Length];
            var overwritten = new byte[Math.Max(bytes.Length, at + length.Length)];
            bytes.CopyTo(overwritten, 0);
            length.CopyTo(overwritten, at);
            return DecodesCleanly(decode, overwritten);
        }));
    }

    private static void Check(Property property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);

    /// <summary>Decodes or throws a decode error, allocating at most a bounded multiple of the input.</summary>
    private static bool DecodesCleanly(Func<byte[], object> decode, byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var thrown = Throws(decode, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var bound = 64 * 1024 + 256L * bytes.Length;
        if (allocated > bound)
            throw new Exception($"decoding {bytes.Length} bytes allocated {allocated} bytes (bound {bound})");
        return thrown is null or KafkaDecodeException;
    }

    private static Exception? Throws(Func<byte[], object> decode, byte[] bytes)
    {
        try
        {
            decode(bytes);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
