using System.Net;
using System.Text.Json;

namespace Actors.Kubernetes;

/// <summary>
/// Reads the body of a failed response as a metav1.Status; a proxy's HTML page or a plain-text
/// body still yields a Status whose message is that text, so the error stays readable.
/// </summary>
internal static class ErrorStatus
{
    public static Status From(HttpStatusCode code, string? reasonPhrase, string body)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                var status = JsonSerializer.Deserialize<Status>(trimmed, KubernetesJson.Options);
                if (status is not null && (status.Kind == "Status" || status.Message is not null || status.Reason is not null))
                {
                    status.Code ??= (int)code;
                    status.Reason ??= ReasonFor(code);
                    return status;
                }
            }
            catch (JsonException)
            {
                // Not a Status: fall through and keep the text.
            }
        }
        var message = trimmed.Length == 0 ? reasonPhrase ?? code.ToString() : Shorten(trimmed);
        return new Status { Outcome = "Failure", Code = (int)code, Reason = ReasonFor(code), Message = message };
    }

    private static string Shorten(string text) => text.Length <= 512 ? text : text[..512] + "…";

    /// <summary>The StatusReason the API server would have used for this code.</summary>
    public static string? ReasonFor(HttpStatusCode code) => (int)code switch
    {
        400 => StatusReasons.BadRequest,
        401 => StatusReasons.Unauthorized,
        403 => StatusReasons.Forbidden,
        404 => StatusReasons.NotFound,
        409 => StatusReasons.Conflict,
        410 => StatusReasons.Gone,
        422 => StatusReasons.Invalid,
        429 => StatusReasons.TooManyRequests,
        500 => StatusReasons.InternalError,
        503 => StatusReasons.ServiceUnavailable,
        _ => null,
    };
}
