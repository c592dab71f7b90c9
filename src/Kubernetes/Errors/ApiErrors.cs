using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Kubernetes;

/// <summary>
/// Reading the official client's <see cref="HttpOperationException"/> in the API's own terms:
/// the HTTP status, the Status reason (AlreadyExists vs Conflict share 409) and its message.
/// </summary>
public static class ApiErrors
{
    /// <summary>The HTTP status of a refused request; null for anything that is not an API answer.</summary>
    public static HttpStatusCode? StatusCodeOf(this Exception e) => (e as HttpOperationException)?.Response?.StatusCode;

    public static bool IsNotFound(this Exception e) => e.StatusCodeOf() == HttpStatusCode.NotFound;

    /// <summary>409 with reason AlreadyExists: a create found the name taken.</summary>
    public static bool IsAlreadyExists(this Exception e) => e.StatusCodeOf() == HttpStatusCode.Conflict && e.ApiStatus()?.Reason == "AlreadyExists";

    /// <summary>409 that is not AlreadyExists: a stale resourceVersion or a UID precondition that failed.</summary>
    public static bool IsConflict(this Exception e) => e.StatusCodeOf() == HttpStatusCode.Conflict && e.ApiStatus()?.Reason != "AlreadyExists";

    public static bool IsGone(this Exception e) => e.StatusCodeOf() == HttpStatusCode.Gone;

    public static bool IsInvalid(this Exception e) => e.StatusCodeOf() == HttpStatusCode.UnprocessableEntity;

    public static bool IsForbidden(this Exception e) => e.StatusCodeOf() == HttpStatusCode.Forbidden;

    public static bool IsUnauthorized(this Exception e) => e.StatusCodeOf() == HttpStatusCode.Unauthorized;

    public static bool IsTooManyRequests(this Exception e) => e.StatusCodeOf() == HttpStatusCode.TooManyRequests;

    public static bool IsServerError(this Exception e) => e.StatusCodeOf() is { } code && (int)code >= 500;

    public static bool IsBadRequest(this Exception e) => e.StatusCodeOf() == HttpStatusCode.BadRequest;

    /// <summary>The Status object the server answered with, when the body is one.</summary>
    public static V1Status? ApiStatus(this Exception e)
    {
        if (e is not HttpOperationException { Response.Content: { Length: > 0 } body }) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status"
                ? k8s.KubernetesJson.Deserialize<V1Status>(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The server's own message ("pods \"x\" not found"), else the status line and what the body said.</summary>
    public static string ApiMessage(this Exception e)
    {
        if (e.ApiStatus()?.Message is { Length: > 0 } message) return message;
        if (e is HttpOperationException { Response: { } response })
        {
            var line = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
            var body = response.Content?.Trim() ?? "";
            return body.Length == 0 ? line : $"{line}: {(body.Length > 300 ? body[..300] + "…" : body)}";
        }
        return e.Message;
    }

    /// <summary>The causes of a 422 Invalid: the fields the server refused.</summary>
    public static IReadOnlyList<V1StatusCause> Causes(this Exception e) => (IReadOnlyList<V1StatusCause>?)e.ApiStatus()?.Details?.Causes ?? [];

    /// <summary>Retry-After of a 429/5xx answer that reached the caller (header or details.retryAfterSeconds).</summary>
    public static TimeSpan? RetryAfterOf(this Exception e)
    {
        if (e is not HttpOperationException { Response: { } response }) return null;
        if (response.Headers.TryGetValue("Retry-After", out var values) && values.FirstOrDefault() is { } text
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        return RetryAfter.FromStatus(response.Content);
    }
}
