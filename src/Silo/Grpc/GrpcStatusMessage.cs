using System.Text;

namespace Actors.Silo.Grpc;

/// <summary>
/// grpc-message is percent-encoded UTF-8: every byte outside printable ASCII, and '%' itself,
/// becomes %XX (the gRPC HTTP/2 protocol spec), so any message survives an HTTP/2 header.
/// </summary>
public static class GrpcStatusMessage
{
    public static string Encode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2"));
            }
        }

        return encoded.ToString();
    }
}
