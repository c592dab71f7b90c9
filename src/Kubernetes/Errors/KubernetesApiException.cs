using System.Net;

namespace Actors.Kubernetes;

/// <summary>
/// The API server answered with a non-2xx status. Carries the server's <see cref="Status"/>
/// (reason, message, details) and the request that failed. Catch a subclass
/// (<see cref="KubernetesNotFoundException"/>, <see cref="KubernetesConflictException"/>…)
/// or test a predicate (<see cref="IsNotFound"/>, <see cref="IsConflict"/>…).
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, Status status, string method, string path, TimeSpan? retryAfter = null)
        : base(Describe(statusCode, status, method, path))
    {
        StatusCode = statusCode;
        Status = status;
        Method = method;
        Path = path;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }
    public Status Status { get; }
    public string Method { get; }
    public string Path { get; }
    public TimeSpan? RetryAfter { get; }

    public string? Reason => Status.Reason;
    public int Code => (int)StatusCode;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Status.Reason == StatusReasons.AlreadyExists;
    /// <summary>A stale resourceVersion (or any 409 other than AlreadyExists): re-read and retry.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && !IsAlreadyExists;
    /// <summary>410: the resourceVersion is too old; relist.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Status.Reason is StatusReasons.Gone or StatusReasons.Expired;
    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;
    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;
    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;
    public bool IsTooManyRequests => StatusCode == HttpStatusCode.TooManyRequests;
    public bool IsServerError => (int)StatusCode >= 500;
    public bool IsBadRequest => StatusCode == HttpStatusCode.BadRequest;

    private static string Describe(HttpStatusCode code, Status status, string method, string path)
    {
        var message = string.IsNullOrWhiteSpace(status.Message) ? "(no message)" : status.Message;
        var reason = string.IsNullOrEmpty(status.Reason) ? code.ToString() : status.Reason;
        return $"{method} {path} failed with {(int)code} {reason}: {message}";
    }

    /// <summary>The exception type for an answer: the most specific subclass that fits.</summary>
    public static KubernetesApiException For(HttpStatusCode code, Status status, string method, string path, TimeSpan? retryAfter = null) =>
        (int)code switch
        {
            404 => new KubernetesNotFoundException(code, status, method, path),
            409 when status.Reason == StatusReasons.AlreadyExists => new KubernetesAlreadyExistsException(code, status, method, path),
            409 => new KubernetesConflictException(code, status, method, path),
            410 => new KubernetesGoneException(code, status, method, path),
            422 => new KubernetesInvalidException(code, status, method, path),
            403 => new KubernetesForbiddenException(code, status, method, path),
            401 => new KubernetesUnauthorizedException(code, status, method, path),
            429 => new KubernetesTooManyRequestsException(code, status, method, path, retryAfter),
            >= 500 => new KubernetesServerErrorException(code, status, method, path, retryAfter),
            _ => new KubernetesApiException(code, status, method, path, retryAfter),
        };
}

/// <summary>metav1.StatusReason values the client tells apart.</summary>
public static class StatusReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Gone = "Gone";
    public const string Expired = "Expired";
    public const string Invalid = "Invalid";
    public const string Forbidden = "Forbidden";
    public const string Unauthorized = "Unauthorized";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string BadRequest = "BadRequest";
}
