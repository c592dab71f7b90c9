namespace Actors.Grains.Rejections;

/// <summary>Answers that repeating the same request will not change.</summary>
public enum RejectionKind
{
    /// <summary>404 on a write (or 405): the server does not serve that resource (e.g. policy/v1 before Kubernetes 1.21).</summary>
    NotServed,
    /// <summary>403: RBAC does not allow the operator this verb on this resource.</summary>
    Forbidden,
    /// <summary>401: the operator's credentials are not accepted.</summary>
    Unauthorized,
    /// <summary>422 or 400: validation or admission refused the object.</summary>
    Invalid,
    /// <summary>409 that did not clear after <see cref="Rejection.ConflictsBeforeRejection"/> tries in a row.</summary>
    Conflict,
}

/// <summary>
/// A write the API server refused in a way a retry will not fix by itself: the object, what kind of
/// refusal, and the server's own words. Classification is pure: throttling (429), server errors
/// (5xx), expired versions (410) and conflicts that may still clear are not rejections.
/// </summary>
public sealed record Rejection(StepTarget Target, RejectionKind Kind, int Code, string ServerMessage)
{
    /// <summary>A 409 on the same object this many times in a row no longer looks like a race.</summary>
    public const int ConflictsBeforeRejection = 3;

    public static Rejection? Classify(StepTarget target, int code, string? statusReason, string? serverMessage, int conflictsInARow)
    {
        RejectionKind? kind = code switch
        {
            404 or 405 => RejectionKind.NotServed,
            403 => RejectionKind.Forbidden,
            401 => RejectionKind.Unauthorized,
            422 or 400 => RejectionKind.Invalid,
            409 when statusReason != "AlreadyExists" && conflictsInARow >= ConflictsBeforeRejection => RejectionKind.Conflict,
            _ => null,
        };
        return kind is { } k ? new Rejection(target, k, code, string.IsNullOrWhiteSpace(serverMessage) ? "(no message)" : serverMessage) : null;
    }

    /// <summary>CamelCase, for conditions and Events: what was written and the refusal, e.g. "PodDisruptionBudgetNotServed", "StatusForbidden".</summary>
    public string Reason => $"{Target.Subject}{Kind}";

    /// <summary>Names the object and quotes the server, e.g. <c>PodDisruptionBudget kafka/demo was rejected by the API server (404): "…"</c>.</summary>
    public string Describe() => $"{Target} was rejected by the API server ({Code}): \"{ServerMessage}\"";

    /// <summary>The same refusal again (only then is it not worth another log line or Event).</summary>
    public bool SameAs(Rejection other) => Target == other.Target && Kind == other.Kind && Code == other.Code && ServerMessage == other.ServerMessage;
}
