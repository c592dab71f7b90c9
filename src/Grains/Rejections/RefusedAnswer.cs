using Actors.Kubernetes;
using k8s.Autorest;

namespace Actors.Grains.Rejections;

/// <summary>
/// The official client's <see cref="HttpOperationException"/> in the terms <see cref="Rejection.Classify(StepTarget, int, string?, string?, int)"/>
/// reads: the HTTP status, the Status reason (409 AlreadyExists is not a conflict) and the server's own words.
/// </summary>
public static class RefusedAnswer
{
    public static Rejection? Classify(StepTarget target, HttpOperationException answer, int conflictsInARow) =>
        Classify(target, Of(answer), conflictsInARow);

    public static Rejection? Classify(StepTarget target, RefusedWrite answer, int conflictsInARow) =>
        Rejection.Classify(target, answer.Code, answer.StatusReason, answer.ServerMessage, conflictsInARow);

    /// <summary>What of the client's exception the cluster grain needs, as plain data.</summary>
    public static RefusedWrite Of(HttpOperationException answer) =>
        new(Code(answer), answer.ApiStatus()?.Reason, ServerMessage(answer), answer.IsConflict());

    public static int Code(HttpOperationException answer) => answer.StatusCodeOf() is { } code ? (int)code : 0;

    /// <summary>
    /// The message of the Status the server answered with; a body that is not a Status (a proxy's
    /// page, plain text) is quoted as it came, shortened, so the refusal stays readable.
    /// </summary>
    public static string ServerMessage(HttpOperationException answer)
    {
        if (answer.ApiStatus()?.Message is { Length: > 0 } message) return message;
        var body = answer.Response?.Content?.Trim() ?? "";
        if (body.Length > 0) return body.Length <= 512 ? body : body[..512] + "…";
        return answer.ApiMessage();
    }
}
