using System.Buffers.Binary;

namespace Actors.Silo.Grpc;

/// <summary>
/// gRPC length-prefixed messages: one flag byte (1 = compressed), a 4-byte big-endian length,
/// then the message. Pure; the dispatcher does the I/O.
/// </summary>
public static class GrpcFrames
{
    public const int HeaderLength = 5;

    /// <summary>
    /// The single message of a unary or server-streaming request body, or the status to fail
    /// the call with. <paramref name="encoding"/> is the grpc-encoding header, if any.
    /// </summary>
    public static (ReadOnlyMemory<byte> Message, GrpcCallException? Error) ReadSingle(ReadOnlyMemory<byte> body, string? encoding, int maxMessageBytes)
    {
        if (body.Length < HeaderLength)
        {
            return Fail(GrpcStatusCode.Internal, body.IsEmpty
                ? "The request carries no message; a unary call needs exactly one."
                : $"The request ends inside a message header ({body.Length} of {HeaderLength} bytes).");
        }

        var span = body.Span;
        var flag = span[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(span[1..HeaderLength]);
        if (flag == 1)
        {
            return string.IsNullOrEmpty(encoding) || encoding == "identity"
                ? Fail(GrpcStatusCode.Internal, "The message is flagged as compressed but the call names no grpc-encoding.")
                : Fail(GrpcStatusCode.Unimplemented, $"Message compression '{encoding}' is not supported; send messages uncompressed (grpc-encoding identity).");
        }

        if (flag != 0)
        {
            return Fail(GrpcStatusCode.Internal, $"The message flag byte is {flag}; only 0 (uncompressed) is valid.");
        }

        if (length > maxMessageBytes)
        {
            return Fail(GrpcStatusCode.ResourceExhausted, $"The request message is {length} bytes; the limit is {maxMessageBytes}.");
        }

        var end = HeaderLength + (int)length;
        if (body.Length < end)
        {
            return Fail(GrpcStatusCode.Internal, $"The request ends inside its message ({body.Length - HeaderLength} of {length} bytes).");
        }

        if (body.Length > end)
        {
            return Fail(GrpcStatusCode.Internal, "The request carries more than one message; this method takes exactly one.");
        }

        return (body[HeaderLength..end], null);
    }

    /// <summary>An uncompressed frame around <paramref name="message"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var frame = new byte[HeaderLength + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    private static (ReadOnlyMemory<byte>, GrpcCallException?) Fail(GrpcStatusCode status, string message) =>
        (ReadOnlyMemory<byte>.Empty, new GrpcCallException(status, message));
}
