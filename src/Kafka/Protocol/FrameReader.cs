using System.Buffers.Binary;

namespace Actors.Kafka.Protocol;

/// <summary>
/// Reads one size-prefixed frame (int32 length, then that many bytes) from a stream. The size
/// is checked against a limit before the body is allocated; a stream that ends inside a frame
/// is an <see cref="EndOfStreamException"/>, distinct from a clean end between frames (null).
/// </summary>
public static class FrameReader
{
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken cancellationToken)
    {
        var sizeBytes = new byte[4];
        var got = await ReadUpTo(stream, sizeBytes, cancellationToken);
        if (got == 0)
            return null;
        if (got < 4)
            throw new EndOfStreamException($"connection closed after {got} of the 4 bytes of a frame's size");
        var size = BinaryPrimitives.ReadInt32BigEndian(sizeBytes);
        if (size < 0 || size > maxFrameBytes)
            throw new KafkaDecodeException($"frame size {size} is outside 0..{maxFrameBytes}");
        var body = new byte[size];
        got = await ReadUpTo(stream, body, cancellationToken);
        if (got < size)
            throw new EndOfStreamException($"connection closed after {got} of a {size}-byte frame");
        return body;
    }

    private static async Task<int> ReadUpTo(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }
}
