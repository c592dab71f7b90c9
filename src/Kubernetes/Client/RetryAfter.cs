using System.Text.Json;

namespace Actors.Kubernetes;

/// <summary>The wait a 429 or 5xx asks for: the Retry-After header, else the Status's details.retryAfterSeconds.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta) return delta;
            if (header.Date is { } date) return date - now is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>details.retryAfterSeconds of a Status body, when the header is absent.</summary>
    public static TimeSpan? FromStatus(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("details", out var details)
                && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("retryAfterSeconds", out var seconds)
                && seconds.TryGetInt32(out var value)
                ? TimeSpan.FromSeconds(value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
