using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

/// <summary>
/// Bodies no client should send — bytes that are not UTF-8, another charset, far more than the
/// limit in chunks — are answered with a problem document over the real listener, never a 500 or
/// a reset connection, and never reach the operator.
/// </summary>
public sealed class MalformedBodyTests : IAsyncLifetime
{
    private const string Scale = "/api/v1/clusters/kafka/demo/scale";

    private TestSilo silo = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        admin = silo.Client(TestSilo.AdminToken);
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await silo.DisposeAsync();
    }

    private static ByteArrayContent Bytes(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static TheoryData<byte[]> NotUtf8 => new()
    {
        { [.. "{\""u8, 0xc3, 0x28, .. "\":1}"u8] },
        { [.. "{\"brokers\": 3, \"x"u8, 0xff, .. "\": 1}"u8] },
        { [.. "{\"bro"u8, 0xed, 0xa0, 0x80, .. "kers\": 3}"u8] },
        { [.. "{\"brokers\": \""u8, 0xc0, 0xaf, .. "\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task A_body_that_is_not_utf8_is_a_bad_request_naming_the_byte(byte[] body)
    {
        var firstBadByte = Array.FindIndex(body, b => b >= 0x80) + 1;

        var response = await admin.PostAsync(Scale, Bytes(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, $"is not valid UTF-8 (byte {firstBadByte})", "body");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"utf-32\"")]
    public async Task A_body_in_another_charset_is_an_unsupported_media_type(string contentType)
    {
        var response = await admin.PostAsync(Scale, Bytes(Encoding.UTF8.GetBytes("""{"brokers": 3}"""), contentType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "UTF-8");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf8")]
    public async Task A_body_declared_as_utf8_is_read(string contentType)
    {
        var response = await admin.PostAsync(Scale, Bytes(Encoding.UTF8.GetBytes("""{"brokers": 3}"""), contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["Scale kafka/demo 3"], silo.Clusters.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_10_MB_body_is_refused_with_413_whether_chunked_or_not(bool chunked)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"brokers": 3, "pad": "{{new string('x', 10 * 1024 * 1024)}}"}""");
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new("application/json");
        if (!chunked)
        {
            content.Headers.ContentLength = body.Length;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Scale) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        var response = await admin.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 65536 bytes");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("/api/v1/clusters/kafka/demo%0A/scale", "name")]
    [InlineData("/api/v1/clusters/kafka%0A/demo/scale", "namespace")]
    public async Task A_name_with_a_trailing_newline_is_refused(string path, string field)
    {
        var response = await admin.PostAsync(path, Bytes(Encoding.UTF8.GetBytes("""{"brokers": 3}""")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "not a valid DNS-1123", field);
        Assert.Empty(silo.Clusters.Calls);
    }
}
