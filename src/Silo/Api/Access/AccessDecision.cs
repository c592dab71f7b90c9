namespace Actors.Silo.Api.Access;

public enum AccessOutcome
{
    Granted,
    /// <summary>No credentials, or credentials that are not valid: HTTP 401, gRPC UNAUTHENTICATED.</summary>
    Unauthenticated,
    /// <summary>A valid token without the needed role: HTTP 403, gRPC PERMISSION_DENIED.</summary>
    Forbidden,
}

/// <summary>The verdict on one request's credentials, with a message for the caller.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, string Message)
{
    public static readonly AccessDecision Granted = new(AccessOutcome.Granted, "");

    /// <summary>True when credentials were sent but not accepted (RFC 6750 error="invalid_token").</summary>
    public bool InvalidToken { get; init; }
}
