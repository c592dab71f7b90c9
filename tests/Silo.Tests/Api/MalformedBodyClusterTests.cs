using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Actors.Silo.Tests.BadInput;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

/// <summary>
/// The malformed bodies of <see cref="MalformedBodyTests"/> sent to the real listener over the
/// real operations on the emulator: each is answered with its 4xx, and the KafkaCluster keeps its
/// resourceVersion — nothing was written.
/// </summary>
public sealed class MalformedBodyClusterTests : IAsyncLifetime
{
    private readonly BadInputSilo target = new();
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        await target.InitializeAsync();
        admin = target.Silo.Client(TestSilo.AdminToken);
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await target.DisposeAsync();
    }

    // Built in the test, not as theory data: a 10 MB case would be serialized at discovery.
    private static (byte[] Body, string ContentType, bool Chunked, HttpStatusCode Status) Request(string what) => what switch
    {
        "invalid UTF-8" => ([.. "{\""u8, 0xc3, 0x28, .. "\":1}"u8], "application/json", false, HttpStatusCode.BadRequest),
        "UTF-16" => (Encoding.Unicode.GetBytes("""{"brokers": 5}"""), "application/json; charset=utf-16", false, HttpStatusCode.UnsupportedMediaType),
        _ => (Encoding.UTF8.GetBytes($$"""{"brokers": 5, "pad": "{{new string('x', 10 * 1024 * 1024)}}"}"""), "application/json", true, HttpStatusCode.RequestEntityTooLarge),
    };

    [Theory]
    [InlineData("invalid UTF-8")]
    [InlineData("UTF-16")]
    [InlineData("10 MB chunked")]
    public async Task A_malformed_scale_request_changes_nothing_in_the_cluster(string what)
    {
        var (body, contentType, chunked, status) = Request(what);
        var before = await target.ClusterAsync();
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (!chunked)
        {
            content.Headers.ContentLength = body.Length;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/clusters/kafka/demo/scale") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        var response = await admin.SendAsync(request);

        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode}");
        var after = await target.ClusterAsync();
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(3, after.Spec!.Brokers!.Replicas);
    }

    [Fact]
    public async Task A_well_formed_scale_request_does_change_the_cluster()
    {
        // The control: the same path with a good body writes, so the test above can see a write.
        var before = await target.ClusterAsync();

        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale",
            new StringContent("""{"brokers": 5}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var after = await target.ClusterAsync();
        Assert.NotEqual(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(5, after.Spec!.Brokers!.Replicas);
    }
}
