using Actors.Silo.Grpc;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.Grpc;

public sealed class GrpcWirePiecesTests
{
    [Theory]
    [InlineData("1H", 3600_000.0)]
    [InlineData("2M", 120_000.0)]
    [InlineData("30S", 30_000.0)]
    [InlineData("250m", 250.0)]
    [InlineData("1500u", 1.5)]
    [InlineData("99999999n", 99.9999)]
    public void Timeouts_are_read_in_every_unit(string header, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(milliseconds, timeout!.Value.TotalMilliseconds, precision: 4);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("99999999H")] // past what a timer can wait: no deadline rather than a broken one
    public void No_timeout_or_an_endless_one_means_no_deadline(string? header)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Null(timeout);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("S")]
    [InlineData("10s0")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("5 S")]
    [InlineData("5X")]
    public void Malformed_timeouts_are_refused(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void Status_messages_decode_back_to_what_was_said() =>
        Prop.ForAll<string>(message =>
            {
                var text = new string((message ?? "").Where(c => !char.IsSurrogate(c)).ToArray());
                var encoded = GrpcStatusMessage.Encode(text);
                return encoded.All(c => c is >= ' ' and <= '~') && Uri.UnescapeDataString(encoded) == text;
            })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_framed_message_reads_back_whole() =>
        Prop.ForAll<byte[]>(message =>
            {
                var (read, error) = GrpcFrames.ReadSingle(GrpcFrames.Frame(message), null, int.MaxValue);
                return error is null && read.ToArray().SequenceEqual(message);
            })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_frame_header_is_the_flag_then_the_big_endian_length()
    {
        var frame = GrpcFrames.Frame(new byte[258]);

        Assert.Equal(new byte[] { 0, 0, 0, 1, 2 }, frame[..5]);
    }
}
