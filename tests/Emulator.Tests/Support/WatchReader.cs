using System.Text.Json.Nodes;

namespace Actors.Emulator.Tests.Support;

/// <summary>Reads a watch response line by line.</summary>
public sealed class WatchReader : IAsyncDisposable
{
    readonly HttpResponseMessage response;
    readonly StreamReader reader;
    public int StatusCode => (int)response.StatusCode;

    WatchReader(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        reader = new StreamReader(body);
    }

    public static async Task<WatchReader> Open(HttpClient http, string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new WatchReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event, or null when the server ended the stream. A generous safety timeout keeps a broken test from hanging.</summary>
    public async Task<(string Type, JsonObject Object)?> Next()
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await reader.ReadLineAsync(safety.Token);
        if (line is null) return null;
        var e = JsonNode.Parse(line)!.AsObject();
        return (e["type"]!.GetValue<string>(), e["object"]!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
