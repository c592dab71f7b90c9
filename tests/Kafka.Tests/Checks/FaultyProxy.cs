using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Actors.Kafka.Client;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Checks;

/// <summary>What the proxy does to one exchange instead of passing it through.</summary>
public enum Fault
{
    /// <summary>Reads the request, then resets the connection.</summary>
    ResetBeforeAnswer,
    /// <summary>Sends half of the peer's answer, then resets the connection.</summary>
    ResetMidResponse,
    /// <summary>Never answers (the connection stays open).</summary>
    Silent,
    /// <summary>Sends the peer's answer with its body cut short (the frame's size says so: a truncated response).</summary>
    Truncated,
    /// <summary>Sends what the test's rewrite makes of the peer's answer (frame size prefix excluded).</summary>
    Rewritten,
}

/// <summary>
/// A TCP proxy in front of the Kafka peer that passes every request through, except those the
/// test picks by API, which it answers with a fault: real clients, real peer, broken network.
/// </summary>
internal sealed class FaultyProxy : IAsyncDisposable
{
    private readonly KafkaEndpoint _upstream;
    private readonly Func<ApiKey, Fault?> _faultFor;
    private readonly Func<byte[], byte[]>? _rewrite;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly ConcurrentQueue<(ApiKey, Fault)> _injected = new();
    private readonly Task _accepting;

    public FaultyProxy(KafkaEndpoint upstream, Func<ApiKey, Fault?> faultFor, Func<byte[], byte[]>? rewrite = null)
    {
        _upstream = upstream;
        _faultFor = faultFor;
        _rewrite = rewrite;
        _listener.Start();
        Endpoint = new KafkaEndpoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _accepting = Task.Run(AcceptAsync);
    }

    public KafkaEndpoint Endpoint { get; }

    /// <summary>The faults injected so far, oldest first.</summary>
    public IReadOnlyCollection<(ApiKey Api, Fault Fault)> Injected => _injected.ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                _connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            var clientStream = new NetworkStream(client);
            var peerStream = upstream.GetStream();
            while (await FrameReader.ReadAsync(clientStream, 1 << 20, _stop.Token) is { } request)
            {
                var api = (ApiKey)BinaryPrimitives.ReadInt16BigEndian(request);
                var fault = _faultFor(api);
                if (fault is not null)
                    _injected.Enqueue((api, fault.Value));
                if (fault == Fault.ResetBeforeAnswer)
                {
                    Reset(client);
                    return;
                }
                if (fault == Fault.Silent)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }
                await peerStream.WriteAsync(Framed(request), _stop.Token);
                var body = (await FrameReader.ReadAsync(peerStream, 1 << 24, _stop.Token))!;
                var answer = Framed(fault == Fault.Rewritten ? _rewrite!(body) : body);
                switch (fault)
                {
                    case Fault.ResetMidResponse:
                        await client.SendAsync(answer.AsMemory(0, answer.Length / 2), _stop.Token);
                        Reset(client);
                        return;
                    case Fault.Truncated:
                        var cut = answer[..Math.Max(8, answer.Length - 3)];
                        BinaryPrimitives.WriteInt32BigEndian(cut, cut.Length - 4);
                        await client.SendAsync(cut, _stop.Token);
                        break;
                    default:
                        await client.SendAsync(answer, _stop.Token);
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    private static byte[] Framed(byte[] body)
    {
        var frame = new byte[body.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
