using Actors.Contracts.Api;
using Actors.Silo.Api.Access;

namespace Actors.Silo.Api;

/// <summary>
/// RFC 7807 problem details (application/problem+json) for every way a request can fail.
/// The `detail` says what is wrong and what to do; `field` names the offending input.
/// </summary>
public static class ApiProblems
{
    public static IResult BadRequest(RequestProblem problem) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", problem.Message, problem.Field);

    public static IResult BadRequest(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult PayloadTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body is larger than the limit of {limit} bytes.");

    public static IResult UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The request body must be JSON with 'Content-Type: application/json', not '{contentType ?? "(none)"}'.");

    public static IResult UnsupportedCharset(string charset) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The request body must be UTF-8 JSON, not charset '{Shorten(charset)}'; send 'Content-Type: application/json' or 'application/json; charset=utf-8'.");

    public static IResult Denied(AccessDecision decision) => decision.Outcome switch
    {
        AccessOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", decision.Message),
        _ => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", decision.Message),
    };

    public static IResult From(ClusterOperationException error) => error switch
    {
        ClusterNotFoundException e => Problem(StatusCodes.Status404NotFound, "Cluster not found", e.Message),
        InvalidClusterRequestException e => Problem(StatusCodes.Status400BadRequest, "Invalid request", e.Message, e.Field),
        ClusterConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", error.Message),
    };

    /// <summary>
    /// Words for the answers the framework gives on its own (no route, wrong method, routing's
    /// content-type check), which otherwise come without a detail.
    /// </summary>
    public static string? DetailFor(HttpContext context, int? status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is served at {context.Request.Path}; clusters are under /api/v1/clusters.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
        StatusCodes.Status415UnsupportedMediaType =>
            $"The request body must be JSON with 'Content-Type: application/json', not '{context.Request.ContentType ?? "(none)"}'.",
        _ => null,
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static IResult Problem(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
