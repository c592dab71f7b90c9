using System.Buffers.Binary;
using System.Net.Sockets;
using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Client;

// What the client returns when the network or the broker misbehaves: always a typed failure.
public class KafkaClientFailureTests
{
    private static readonly KafkaClientOptions Quick = new() { Timeout = TimeSpan.FromSeconds(5) };

    // A complete, valid DescribeQuorum v2 response body for correlation id 1.
    private static byte[] QuorumResponseFrame(int correlationId)
    {
        var writer = new KafkaWriter();
        ResponseHeader.Write(writer, correlationId, 1);
        new DescribeQuorumResponse(0, null, [], []).Write(writer, 2);
        var body = writer.ToArray();
        var frame = new byte[body.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    private static int CorrelationIdOf(byte[] request) => BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(8));

    [Fact]
    public async Task A_port_nobody_listens_on_is_unreachable()
    {
        var port = TestPorts.Unused();

        var result = await new KafkaClient(new KafkaEndpoint("127.0.0.1", port), Quick).DescribeControllerQuorumAsync();

        Assert.Equal(KafkaFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Contains($"127.0.0.1:{port}", result.Failure!.Message);
    }

    [Fact]
    public async Task A_reset_in_the_middle_of_the_response_is_a_lost_connection()
    {
        await using var server = new ScriptedServer(async (socket, request, ct) =>
        {
            var response = QuorumResponseFrame(CorrelationIdOf(request));
            await socket.SendAsync(response.AsMemory(0, response.Length / 2), ct);
            ScriptedServer.Reset(socket);
        });

        var result = await new KafkaClient(server.Endpoint, Quick).DescribeControllerQuorumAsync();

        Assert.Equal(KafkaFailureKind.ConnectionLost, result.Failure?.Kind);
    }

    [Fact]
    public async Task A_close_after_half_the_response_is_a_lost_connection()
    {
        await using var server = new ScriptedServer(async (socket, request, ct) =>
        {
            var response = QuorumResponseFrame(CorrelationIdOf(request));
            await socket.SendAsync(response.AsMemory(0, response.Length - 3), ct);
            socket.Shutdown(SocketShutdown.Both);
        });

        var result = await new KafkaClient(server.Endpoint, Quick).DescribeControllerQuorumAsync();

        Assert.Equal(KafkaFailureKind.ConnectionLost, result.Failure?.Kind);
        Assert.Contains("closed after", result.Failure!.Message);
    }

    [Fact]
    public async Task A_close_without_any_response_is_a_lost_connection()
    {
        await using var server = new ScriptedServer((socket, _, _) =>
        {
            socket.Shutdown(SocketShutdown.Both);
            return Task.CompletedTask;
        });

        var result = await new KafkaClient(server.Endpoint, Quick).ApiVersionsAsync();

        Assert.Equal(KafkaFailureKind.ConnectionLost, result.Failure?.Kind);
    }

    [Fact]
    public async Task A_silent_broker_times_out()
    {
        await using var server = new ScriptedServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));

        var result = await new KafkaClient(server.Endpoint, new KafkaClientOptions { Timeout = TimeSpan.FromMilliseconds(200) })
            .DescribeControllerQuorumAsync();

        Assert.Equal(KafkaFailureKind.TimedOut, result.Failure?.Kind);
    }

    [Fact]
    public async Task The_callers_cancellation_throws_rather_than_reporting_a_failure()
    {
        await using var server = new ScriptedServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        using var cancel = new CancellationTokenSource();
        var call = new KafkaClient(server.Endpoint, Quick).DescribeControllerQuorumAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_response_frame_over_the_limit_is_refused_before_it_is_read()
    {
        await using var server = new ScriptedServer(async (socket, _, ct) =>
            await socket.SendAsync(Hex("7FFFFFF0"), ct));

        var result = await new KafkaClient(server.Endpoint, Quick).DescribeControllerQuorumAsync();

        Assert.Equal(KafkaFailureKind.MalformedResponse, result.Failure?.Kind);
        Assert.Contains("frame size", result.Failure!.Message);
    }

    [Fact]
    public async Task A_response_with_another_correlation_id_is_malformed()
    {
        await using var server = new ScriptedServer(async (socket, request, ct) =>
            await socket.SendAsync(QuorumResponseFrame(CorrelationIdOf(request) + 1), ct));

        var result = await new KafkaClient(server.Endpoint, Quick).SendAsync(DescribeQuorumRequest.ForControllerQuorum());

        Assert.Equal(KafkaFailureKind.MalformedResponse, result.Failure?.Kind);
        Assert.Contains("correlation id", result.Failure!.Message);
    }

    [Fact]
    public async Task A_complete_response_decodes()
    {
        await using var server = new ScriptedServer(async (socket, request, ct) =>
            await socket.SendAsync(QuorumResponseFrame(CorrelationIdOf(request)), ct));

        var result = await new KafkaClient(server.Endpoint, Quick).SendAsync(DescribeQuorumRequest.ForControllerQuorum());

        Assert.True(result.Succeeded, result.ToString());
    }
}
