using System.Net;
using System.Net.Http.Headers;
using Actors.Contracts.Proto;
using Actors.Silo.Grpc;
using Actors.Silo.Tests.Fakes;
using Google.Protobuf;

namespace Actors.Silo.Tests.Grpc;

/// <summary>
/// The wire protocol as bytes on HTTP/2 cleartext, for what a well-behaved client never sends
/// and for the exact shape of headers and trailers.
/// </summary>
public sealed class GrpcWireTests : IAsyncLifetime
{
    private TestSilo silo = null!;
    private HttpClient h2c = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        h2c = new HttpClient { BaseAddress = silo.Grpc };
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
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        adjust?.Invoke(request);
        return await h2c.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static byte[] Frame(IMessage message) => GrpcFrames.Frame(message.ToByteArray());

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
        var (message, error) = GrpcFrames.ReadSingle(body, null, 1 << 20);
        Assert.Null(error);
        Assert.Equal("demo", Cluster.Parser.ParseFrom(message.Span).Name);
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
        var header = new byte[GrpcFrames.HeaderLength];

        await stream.ReadExactlyAsync(header); // arrives while the watch is still open

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, header[0]);
        silo.Clusters.Delete("kafka", "demo");
        await stream.CopyToAsync(Stream.Null);
        Assert.Equal("0", Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task A_compressed_flag_without_an_encoding_is_an_internal_error()
    {
        var frame = Frame(new GetClusterRequest { Namespace = "kafka", Name = "demo" });
        frame[0] = 1;

        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", frame);

        Assert.Equal("13", Header(response, "grpc-status"));
        Assert.Equal("The message is flagged as compressed but the call names no grpc-encoding.", Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_message_over_the_limit_exhausts_resources()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster",
            Frame(new GetClusterRequest { Namespace = "kafka", Name = new string('a', 70_000) }));

        Assert.Equal("8", Header(response, "grpc-status"));
        Assert.Equal("The request message is larger than the limit of 65536 bytes.", Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData(new byte[0], "The request carries no message; a unary call needs exactly one.")]
    [InlineData(new byte[] { 0, 0, 0 }, "The request ends inside a message header (3 of 5 bytes).")]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 1 }, "The request ends inside its message (1 of 9 bytes).")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "The request carries more than one message; this method takes exactly one.")]
    [InlineData(new byte[] { 7, 0, 0, 0, 0 }, "The message flag byte is 7; only 0 (uncompressed) is valid.")]
    public async Task Broken_framing_is_an_internal_error(byte[] body, string message)
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", body);

        Assert.Equal("13", Header(response, "grpc-status"));
        Assert.Equal(message, Header(response, "grpc-message"));
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_malformed_timeout_is_refused()
    {
        var response = await CallAsync("/actors.v1.ClusterService/GetCluster", Frame(new GetClusterRequest { Namespace = "kafka", Name = "demo" }),
            adjust: r => r.Headers.TryAddWithoutValidation("grpc-timeout", "soon"));

        Assert.Equal("13", Header(response, "grpc-status"));
        Assert.Equal("Malformed grpc-timeout 'soon'.", Header(response, "grpc-message"));
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
    public async Task gRPC_over_HTTP_1_is_told_to_use_HTTP_2()
    {
        using var http1 = new HttpClient { BaseAddress = silo.Http };
        var content = new ByteArrayContent(Frame(new GetClusterRequest { Namespace = "kafka", Name = "demo" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        var response = await http1.PostAsync("/actors.v1.ClusterService/GetCluster", content);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("gRPC needs HTTP/2", await response.Content.ReadAsStringAsync());
        Assert.Empty(silo.Clusters.Calls);
    }
}
