using System.Net;
using Actors.Grains.Rejections;
using k8s.Autorest;

namespace Actors.Grains.Tests.Rejections;

/// <summary>The official client's refusal reads as the same rejection our own client's exceptions did.</summary>
public class RefusedAnswerTests
{
    private static readonly StepTarget Budget = new("PodDisruptionBudget", "kafka", "demo", StepRole.DisruptionBudget);

    private static HttpOperationException Answer(int code, string body) => new($"Operation returned an invalid status code '{code}'")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage((HttpStatusCode)code), body),
    };

    private static string Status(int code, string reason, string message) =>
        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","code":{{code}},"reason":"{{reason}}","message":"{{message}}"}""";

    [Theory]
    [InlineData(404, "NotFound", RejectionKind.NotServed)]
    [InlineData(403, "Forbidden", RejectionKind.Forbidden)]
    [InlineData(401, "Unauthorized", RejectionKind.Unauthorized)]
    [InlineData(422, "Invalid", RejectionKind.Invalid)]
    [InlineData(400, "BadRequest", RejectionKind.Invalid)]
    public void A_refusal_a_retry_cannot_change_is_the_same_rejection_quoting_the_servers_message(int code, string reason, RejectionKind kind)
    {
        var rejection = RefusedAnswer.Classify(Budget, Answer(code, Status(code, reason, "the server said no")), 0);

        Assert.Equal((kind, code, "the server said no"), (rejection?.Kind, rejection?.Code, rejection?.ServerMessage));
    }

    [Theory]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "InternalError")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(410, "Gone")]
    public void Throttling_server_errors_and_expiry_are_retried_as_usual(int code, string reason) =>
        Assert.Null(RefusedAnswer.Classify(Budget, Answer(code, Status(code, reason, "try again")), 0));

    [Fact]
    public void Already_exists_is_never_a_conflict_and_a_conflict_only_once_it_has_not_cleared()
    {
        Assert.Null(RefusedAnswer.Classify(Budget, Answer(409, Status(409, "AlreadyExists", "already exists")), 10));
        var conflict = Answer(409, Status(409, "Conflict", "the object has been modified"));
        Assert.Null(RefusedAnswer.Classify(Budget, conflict, Rejection.ConflictsBeforeRejection - 1));
        Assert.Equal(RejectionKind.Conflict, RefusedAnswer.Classify(Budget, conflict, Rejection.ConflictsBeforeRejection)?.Kind);
    }

    [Fact]
    public void A_body_that_is_not_a_status_is_quoted_as_it_came()
    {
        var rejection = RefusedAnswer.Classify(Budget, Answer(403, "<html>denied by the proxy</html>"), 0);

        Assert.Equal((RejectionKind.Forbidden, "<html>denied by the proxy</html>"), (rejection?.Kind, rejection?.ServerMessage));
    }

    [Fact]
    public void A_failed_step_names_its_object_and_the_servers_words()
    {
        var failed = new StepFailedException(new StepTarget("Pod", "kafka", "demo-broker-0", StepRole.NodeObject), Answer(403, Status(403, "Forbidden", "pods is forbidden")));

        Assert.Equal("Pod kafka/demo-broker-0: pods is forbidden", failed.Message);
    }
}
