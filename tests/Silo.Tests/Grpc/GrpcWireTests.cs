using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Actors.Contracts.Proto;
using Actors.Silo.Tests.Fakes;
using Google.Protobuf;

namespace Actors.Silo.Tests.Grpc;

/// <summary>
/// The wire protocol as bytes on HTTP/2 cleartext, for what a well-behaved client never sends,
/// for the exact shape of headers and trailers, and for a deadline only the server enforces
/// (a raw HTTP/2 client ignores grpc-timeout).
/// </summary>
public sealed class GrpcWireTests : IAsyncLifetime
{
    private TestSilo silo = null!;
    private HttpClient h2c = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        h2c = new HttpClient { BaseAddress = silo.Grpc, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        h2c.Dispose();
        await silo.DisposeAsync();
    }

    private async Task<HttpResponseMessage> CallAsync(string path, byte[] body, string? token = TestSilo.ReadToken, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // h2c with prior knowledge
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        adjust?.Invoke(request);
        return await h2c.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    // A length-prefixed message: flag byte (1 = compressed), 4-byte big-endian length, bytes.
    private static byte[] Frame(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static string? Trailer(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) ? values.Single() : null;

    [Fact]
    public async Task A_unary_reply_is_one_framed_message_then_an_OK_trailer()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", Frame(new GetClusterRequest { Namespace = "kafka", Name = "demo" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Header(response, "grpc-status"));
        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4)));
        Assert.Equal("demo", Cluster.Parser.ParseFrom(body.AsSpan(5)).Name);
    }

    [Fact]
    public async Task An_error_before_any_message_is_trailers_only()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", Frame(new GetClusterRequest { Namespace = "kafka", Name = "missing" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", Header(response, "grpc-status"));
        Assert.Equal("KafkaCluster kafka/missing not found.", Header(response, "grpc-message"));
        Assert.Empty(body);
    }

    [Fact]
    public async Task A_stream_sends_its_headers_and_first_message_before_it_ends()
    {
        var response = await CallAsync("/actors.v1.ClusterService/WatchCluster", Frame(new WatchClusterRequest { Namespace = "kafka", Name = "demo" }));
        var stream = await response.Content.ReadAsStreamAsync();
        var header = new byte[5];

        await stream.ReadExactlyAsync(header); // arrives while the watch is still open

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, header[0]);
        silo.Clusters.Delete("kafka", "demo");
        await stream.CopyToAsync(Stream.Null);
        Assert.Equal("0", Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task The_server_ends_a_watch_at_its_grpc_timeout()
    {
        var response = await CallAsync("/actors.v1.ClusterService/WatchCluster", Frame(new WatchClusterRequest { Namespace = "kafka", Name = "demo" }),
            adjust: r => r.Headers.TryAddWithoutValidation("grpc-timeout", "500m"));

        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null); // the client never gives up by itself

        Assert.Equal("4", Trailer(response, "grpc-status"));
        await silo.Clusters.WatchEndedAsync("kafka/demo");
    }

    [Fact]
    public async Task A_gzip_compressed_message_is_understood()
    {
        using var zipped = new MemoryStream();
        await using (var gzip = new GZipStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new GetClusterRequest { Namespace = "kafka", Name = "demo" }.ToByteArray());
        }

        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", Frame(zipped.ToArray(), compressed: true),
            adjust: r => r.Headers.TryAddWithoutValidation("grpc-encoding", "gzip"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.Equal("demo", Cluster.Parser.ParseFrom(body.AsSpan(5)).Name);
    }

    [Fact]
    public async Task A_compressed_message_in_an_unknown_encoding_is_unimplemented()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", Frame([1, 2, 3], compressed: true),
            adjust: r => r.Headers.TryAddWithoutValidation("grpc-encoding", "snappy"));

        Assert.Equal("12", Header(response, "grpc-status"));
        Assert.Contains("snappy", Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_message_over_the_limit_exhausts_resources()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster",
            Frame(new GetClusterRequest { Namespace = "kafka", Name = new string('a', 70_000) }));

        Assert.Equal("8", Header(response, "grpc-status"));
        Assert.Equal("Received message exceeds the maximum configured message size.", Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public async Task Broken_framing_never_reaches_the_operator(byte[] body)
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", body);
        await response.Content.ReadAsByteArrayAsync();

        Assert.NotEqual("0", Header(response, "grpc-status") ?? Trailer(response, "grpc-status"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task Status_messages_are_percent_encoded_on_the_wire()
    {
        silo.Clusters.NextFailure = new Actors.Contracts.Api.ClusterConflictException("100% busy – retry");

        var response = await CallAsync("/actors.v1.ClusterService/PauseCluster", Frame(new PauseClusterRequest { Namespace = "kafka", Name = "demo" }), TestSilo.AdminToken);

        Assert.Equal("9", Header(response, "grpc-status"));
        Assert.Equal("100%25 busy %E2%80%93 retry", Header(response, "grpc-message"));
    }

    [Fact]
    public async Task gRPC_over_HTTP_1_is_refused_without_reaching_the_operator()
    {
        using var http1 = new HttpClient { BaseAddress = silo.Http };
        var content = new ByteArrayContent(Frame(new GetClusterRequest { Namespace = "kafka", Name = "demo" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, "/actors.v1.ClusterService/GetCluster") { Content = content };
        request.Headers.Authorization = new("Bearer", TestSilo.ReadToken);

        var response = await http1.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/1.1", Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }
}
