using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Emulator.Tests.Support;

/// <summary>A plain HTTP+JSON client for the emulator, so tests speak the wire protocol directly.</summary>
public sealed class Api(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public sealed record Reply(HttpStatusCode Status, JsonNode? Body, string Text)
    {
        public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"expected an object, got {(int)Status}: {Text}");
        public int Code => (int)Status;
        public string? Reason => Body?["reason"]?.GetValue<string>();
    }

    public static string Path(string group, string version, string? ns, string plural, string? name = null, string? sub = null)
    {
        var p = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        if (ns is not null) p += $"/namespaces/{ns}";
        p += $"/{plural}";
        if (name is not null) p += $"/{name}";
        if (sub is not null) p += $"/{sub}";
        return p;
    }

    public Task<Reply> Get(string path, string? accept = null) => Send(HttpMethod.Get, path, null, null, accept);
    public Task<Reply> Post(string path, JsonNode body) => Send(HttpMethod.Post, path, body.ToJsonString(), "application/json");
    public Task<Reply> Put(string path, JsonNode body) => Send(HttpMethod.Put, path, body.ToJsonString(), "application/json");
    public Task<Reply> Patch(string path, string contentType, string body) => Send(HttpMethod.Patch, path, body, contentType);
    public Task<Reply> Delete(string path, JsonNode? body = null) => Send(HttpMethod.Delete, path, body?.ToJsonString(), body is null ? null : "application/json");

    public async Task<Reply> Send(HttpMethod method, string path, string? body, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
        return new Reply(response.StatusCode, json, text);
    }

    /// <summary>Asserts success and returns the object.</summary>
    public static JsonObject Ok(Reply r)
    {
        Assert.True(r.Code is >= 200 and < 300, $"expected success, got {r.Code}: {r.Text}");
        return r.Object;
    }
}
