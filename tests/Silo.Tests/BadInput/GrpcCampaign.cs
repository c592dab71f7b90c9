using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Sends one <see cref="GrpcProbe"/> as raw HTTP/2 (h2c, prior knowledge) to the real gRPC
/// listener and checks what must hold for any bad call: an answer with a grpc-status (no reset),
/// never INTERNAL or UNKNOWN, one of the codes that say what is wrong with a message saying it,
/// the KafkaCluster unwritten, and a good call served after it.
/// </summary>
public sealed class GrpcCampaign(BadInputSilo target) : IDisposable
{
    private readonly HttpClient h2c = new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = target.Silo.Grpc,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task CheckAsync(GrpcProbe probe)
    {
        var before = await target.ResourceVersionAsync();

        var (status, message) = await CallAsync(probe.Path, probe.Authorization, probe.Body, probe);

        Assert.True(status is not StatusCode.Internal and not StatusCode.Unknown, $"{probe}: answered {status} '{message}'");
        Assert.True(probe.Expected.Contains(status), $"{probe}: answered {status} '{message}'");
        Assert.True(status == StatusCode.OK || !string.IsNullOrWhiteSpace(message), $"{probe}: answered {status} without a message");
        Assert.True(before == await target.ResourceVersionAsync(), $"{probe}: answered {status} and the KafkaCluster was written");

        var (after, afterMessage) = await CallAsync("/actors.v1.ClusterService/GetCluster", "Bearer " + Fakes.TestSilo.ReadToken,
            GrpcCalls.Frame(GrpcCalls.GoodRequest("GetCluster")), probe);
        Assert.True(after == StatusCode.OK, $"after {probe}: a good GetCluster answered {after} '{afterMessage}'");
    }

    private async Task<(StatusCode Status, string? Message)> CallAsync(string path, string? authorization, byte[] body, GrpcProbe probe)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        try
        {
            using var response = await h2c.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe}: HTTP {(int)response.StatusCode}, not a gRPC answer");
            var status = Value(response.Headers, "grpc-status") ?? Value(response.TrailingHeaders, "grpc-status");
            Assert.True(status is not null, $"{probe}: an answer without grpc-status");
            var message = Value(response.Headers, "grpc-message") ?? Value(response.TrailingHeaders, "grpc-message");
            return ((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), message is null ? null : Uri.UnescapeDataString(message));
        }
        catch (HttpRequestException error)
        {
            Assert.Fail($"{probe}: no answer, the stream or connection failed: {error.Message} {error.InnerException?.Message}");
            throw;
        }
    }

    private static string? Value(HttpHeaders headers, string name) => headers.TryGetValues(name, out var values) ? values.First() : null;

    public void Dispose() => h2c.Dispose();
}
