using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Actors.Kafka.Client;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer;

/// <summary>
/// A Kafka protocol server on 127.0.0.1 that answers from a <see cref="ClusterModel"/>: real
/// TCP and real frames, so clients run their real code paths, but no log and no messages.
/// Each connection is served in order, one request at a time. A request it cannot read
/// (bad frame, unknown API or version, malformed body) closes that connection, as a Kafka
/// broker does, and is recorded in <see cref="Refusals"/>; the peer keeps serving others.
/// </summary>
public sealed class KafkaPeer : IAsyncDisposable
{
    public const int DefaultMaxRequestBytes = 1024 * 1024;

    private readonly ClusterModel _model;
    private readonly int _maxRequestBytes;
    private readonly TcpListener _listener;
    private readonly RequestRouter _router;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentQueue<(ApiKey Api, short Version)> _answered = new();
    private Task _accepting = Task.CompletedTask;

    /// <param name="advertisedListener">
    /// Where Metadata says each broker is. By default every broker is this peer's own address: one
    /// listener stands for the whole cluster, and clients that connect to "broker n" come back here.
    /// </param>
    public KafkaPeer(ClusterModel model, int port = 0, int maxRequestBytes = DefaultMaxRequestBytes,
        Func<int, KafkaEndpoint>? advertisedListener = null)
    {
        _model = model;
        _maxRequestBytes = maxRequestBytes;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _router = new RequestRouter(model, advertisedListener ?? (_ => Endpoint));
    }

    public ClusterModel Model => _model;

    /// <summary>Where it listens; the actual port when started with port 0.</summary>
    public KafkaEndpoint Endpoint { get; private set; } = new("127.0.0.1", 0);

    /// <summary>Why connections were closed on a client, oldest first.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals.ToArray();

    /// <summary>Every request answered, by API and version, oldest first: what real clients actually send.</summary>
    public IReadOnlyCollection<(ApiKey Api, short Version)> Answered => _answered.ToArray();

    public static KafkaPeer Start(ClusterModel model, int port = 0)
    {
        var peer = new KafkaPeer(model, port);
        peer.Start();
        return peer;
    }

    public void Start()
    {
        _listener.Start();
        Endpoint = new KafkaEndpoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _accepting = AcceptAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var connection = ServeAsync(client, stopping);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        try
        {
            while (await FrameReader.ReadAsync(stream, _maxRequestBytes, stopping) is { } frame)
            {
                var response = _router.Respond(frame);
                if (frame.Length >= 4)
                    _answered.Enqueue(((ApiKey)BinaryPrimitives.ReadInt16BigEndian(frame), BinaryPrimitives.ReadInt16BigEndian(frame.AsSpan(2))));
                await stream.WriteAsync(response, stopping);
            }
        }
        catch (KafkaDecodeException e)
        {
            Refuse(client, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A request the peer itself mishandles still only costs that one connection.
            Refuse(client, $"the peer failed to answer: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Refuse(TcpClient client, string reason)
    {
        var from = client.Client.RemoteEndPoint?.ToString() ?? "a client";
        _refusals.Enqueue($"closed the connection from {from}: {reason}");
    }
}
