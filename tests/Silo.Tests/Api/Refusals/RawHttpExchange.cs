using System.Net.Sockets;
using System.Text;

namespace Actors.Silo.Tests.Api.Refusals;

/// <summary>One answer as it came over the wire: status, headers (names lower-cased) and body bytes.</summary>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Bytes a well-behaved client would never send (HttpClient refuses most of them), written to the
/// HTTP/1.1 listener over a plain TCP socket; the answers are read until the server closes.
/// </summary>
public static class RawHttpExchange
{
    public static async Task<IReadOnlyList<RawAnswer>> SendAsync(Uri server, byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(30));
        return Parse(received.ToArray());
    }

    public static Task<IReadOnlyList<RawAnswer>> SendAsync(Uri server, string request) =>
        SendAsync(server, Encoding.Latin1.GetBytes(request));

    /// <summary>Answers one after another, each framed by Content-Length or chunked; nothing may be left over.</summary>
    private static List<RawAnswer> Parse(byte[] bytes)
    {
        var answers = new List<RawAnswer>();
        var at = 0;
        while (at < bytes.Length)
        {
            var end = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            Assert.True(end >= 0, $"an incomplete head: {Encoding.Latin1.GetString(bytes, at, bytes.Length - at)}");
            var lines = Encoding.Latin1.GetString(bytes, at, end).Split("\r\n");
            at += end + 4;
            var headers = lines.Skip(1).ToDictionary(l => l[..l.IndexOf(':')].ToLowerInvariant(), l => l[(l.IndexOf(':') + 1)..].Trim());
            var body = new MemoryStream();
            if (headers.TryGetValue("content-length", out var length))
            {
                body.Write(bytes, at, int.Parse(length));
                at += int.Parse(length);
            }
            else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
            {
                while (true)
                {
                    var lineEnd = bytes.AsSpan(at).IndexOf("\r\n"u8);
                    var size = Convert.ToInt32(Encoding.Latin1.GetString(bytes, at, lineEnd), 16);
                    at += lineEnd + 2;
                    body.Write(bytes, at, size);
                    at += size + 2;
                    if (size == 0)
                    {
                        break;
                    }
                }
            }

            answers.Add(new RawAnswer(int.Parse(lines[0].Split(' ')[1]), headers, body.ToArray()));
        }

        return answers;
    }
}
