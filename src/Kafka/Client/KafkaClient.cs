using System.Net.Sockets;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Client;

/// <summary>
/// Sends one request to one Kafka node over a fresh TCP connection and reads the correlated
/// response. Calls are rare (a gate before a roll step), so a connection per request keeps the
/// client stateless: no reconnects, no in-flight bookkeeping. Every network or decoding
/// failure comes back as a <see cref="KafkaFailure"/>; only the caller's own cancellation throws.
/// </summary>
public sealed class KafkaClient(KafkaEndpoint endpoint, KafkaClientOptions? options = null)
{
    private readonly KafkaClientOptions _options = options ?? new KafkaClientOptions();
    private int _correlationId;

    public KafkaEndpoint Endpoint => endpoint;

    public async Task<KafkaResult<ApiVersionsResponse>> ApiVersionsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(new ApiVersionsRequest(), cancellationToken)).Then(ResponseErrors.Check);

    public async Task<KafkaResult<QuorumPartition>> DescribeControllerQuorumAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(DescribeQuorumRequest.ForControllerQuorum(), cancellationToken)).Then(ResponseErrors.ControllerQuorum);

    public async Task<KafkaResult<UpdateFeaturesResponse>> UpdateFeaturesAsync(
        IReadOnlyList<FeatureUpdate> updates, bool validateOnly = false, CancellationToken cancellationToken = default) =>
        (await SendAsync(new UpdateFeaturesRequest(updates, validateOnly), cancellationToken)).Then(ResponseErrors.Check);

    /// <summary>The cluster id, the controller and the brokers (or, asked for them, the controllers).</summary>
    public async Task<KafkaResult<DescribeClusterResponse>> DescribeClusterAsync(
        EndpointType endpointType = EndpointType.Brokers, CancellationToken cancellationToken = default) =>
        (await SendAsync(new DescribeClusterRequest(EndpointType: endpointType), cancellationToken)).Then(ResponseErrors.Check);

    /// <summary>The raw exchange: the decoded response, error codes and all.</summary>
    public async Task<KafkaResult<TResponse>> SendAsync<TResponse>(IKafkaRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        var target = _options.AddressMap.Resolve(endpoint);
        var what = target == endpoint
            ? $"{request.ApiKey} v{request.Version} to {endpoint}"
            : $"{request.ApiKey} v{request.Version} to {endpoint} (mapped to {target})";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        using var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(target.Host, target.Port, deadline.Token);
        }
        catch (SocketException e)
        {
            return Fail(KafkaFailureKind.Unreachable, $"{what}: cannot connect: {e.SocketErrorCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(KafkaFailureKind.TimedOut, $"{what}: no connection within {_options.Timeout.TotalSeconds:0.###} s");
        }

        var correlationId = Interlocked.Increment(ref _correlationId);
        try
        {
            var stream = tcp.GetStream();
            await stream.WriteAsync(RequestFrame.Encode(request, correlationId, _options.ClientId), deadline.Token);
            var frame = await FrameReader.ReadAsync(stream, _options.MaxResponseBytes, deadline.Token);
            if (frame is null)
                return Fail(KafkaFailureKind.ConnectionLost, $"{what}: connection closed without a response");
            return KafkaResult<TResponse>.Success(RequestFrame.DecodeResponse(request, frame, correlationId));
        }
        catch (KafkaDecodeException e)
        {
            return Fail(KafkaFailureKind.MalformedResponse, $"{what}: malformed response: {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return Fail(KafkaFailureKind.ConnectionLost, $"{what}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(KafkaFailureKind.TimedOut, $"{what}: no response within {_options.Timeout.TotalSeconds:0.###} s");
        }

        static KafkaResult<TResponse> Fail(KafkaFailureKind kind, string message) =>
            KafkaResult<TResponse>.Failed(new KafkaFailure(kind, message));
    }
}
