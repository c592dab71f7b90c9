using System.Net;
using System.Net.Sockets;
using Actors.Kafka.Client;

namespace Actors.Kafka.Tests.Client;

/// <summary>
/// A one-connection TCP server on 127.0.0.1 that misbehaves as scripted, to see how the client
/// copes with what a real network and a broken broker can do.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    /// <param name="script">Given the accepted socket and the request frame's bytes (size prefix included).</param>
    public ScriptedServer(Func<Socket, byte[], CancellationToken, Task> script)
    {
        _listener.Start();
        Endpoint = new KafkaEndpoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _serving = Task.Run(async () =>
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var buffer = new byte[64 * 1024];
            var read = await socket.ReceiveAsync(buffer, _stop.Token);
            await script(socket, buffer[..read], _stop.Token);
        });
    }

    public KafkaEndpoint Endpoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }

    /// <summary>Closes with a TCP reset rather than an orderly shutdown.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
