using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Sends one <see cref="HttpProbe"/> to the real HTTP listener and checks what must hold for any
/// bad request: an answer (no reset), no 5xx, one of the statuses that say what is wrong, as a
/// problem document with a detail, the KafkaCluster unwritten, and a good read served after it.
/// </summary>
public sealed class HttpCampaign(BadInputSilo target) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        BaseAddress = target.Silo.Http,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task CheckAsync(HttpProbe probe)
    {
        var before = await target.ResourceVersionAsync();

        var (status, type, body) = await SendAsync(probe);

        Assert.True(status < 500, $"{probe}: answered {status} {body}");
        Assert.True(probe.Expected.Contains(status), $"{probe}: answered {status} {body}");
        // Also when Kestrel refused the request itself (a NUL in the path): see RefusalConnections.
        if (status >= 400)
        {
            Assert.True(type == "application/problem+json", $"{probe}: answered {status} as '{type}', not a problem document: {body}");
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{probe}: a problem without a detail: {body}");
        }

        Assert.True(before == await target.ResourceVersionAsync(), $"{probe}: answered {status} and the KafkaCluster was written");
        await AssertStillServesAsync(probe);
    }

    private async Task<(int Status, string? Type, string Body)> SendAsync(HttpProbe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", probe.Authorization);
        }

        if (probe.Body is not null)
        {
            request.Content = new StreamContent(new MemoryStream(probe.Body));
            if (probe.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
            }

            if (probe.Chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }
            else
            {
                request.Content.Headers.ContentLength = probe.Body.Length;
            }
        }

        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException error)
        {
            Assert.Fail($"{probe}: no answer, the connection failed: {error.Message} {error.InnerException?.Message}");
            throw;
        }
    }

    private async Task AssertStillServesAsync(HttpProbe after)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clusters/{BadInputSilo.Namespace}/{BadInputSilo.Name}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSilo.ReadToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"after {after}: a good read answered {(int)response.StatusCode}");
    }

    public void Dispose() => http.Dispose();
}
