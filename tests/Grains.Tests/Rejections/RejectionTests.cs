using Actors.Grains.Rejections;

namespace Actors.Grains.Tests.Rejections;

public class RejectionTests
{
    private static readonly StepTarget Budget = new("PodDisruptionBudget", "kafka", "demo", StepRole.DisruptionBudget);

    [Theory]
    [InlineData(404, RejectionKind.NotServed)]
    [InlineData(405, RejectionKind.NotServed)]
    [InlineData(403, RejectionKind.Forbidden)]
    [InlineData(401, RejectionKind.Unauthorized)]
    [InlineData(422, RejectionKind.Invalid)]
    [InlineData(400, RejectionKind.Invalid)]
    public void Answers_a_retry_cannot_change_are_rejections(int code, RejectionKind kind)
    {
        var rejection = Rejection.Classify(Budget, code, null, "the server could not find the requested resource", 0);

        Assert.Equal(kind, rejection?.Kind);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(410)]
    [InlineData(504)]
    public void Throttling_server_errors_and_expiry_are_retried_as_usual(int code) =>
        Assert.Null(Rejection.Classify(Budget, code, null, "try again", 0));

    [Fact]
    public void A_conflict_is_a_rejection_only_once_it_has_not_cleared_for_several_tries()
    {
        Assert.Null(Rejection.Classify(Budget, 409, "Conflict", "the object has been modified", Rejection.ConflictsBeforeRejection - 1));
        Assert.Equal(RejectionKind.Conflict, Rejection.Classify(Budget, 409, "Conflict", "the object has been modified", Rejection.ConflictsBeforeRejection)?.Kind);
        Assert.Null(Rejection.Classify(Budget, 409, "AlreadyExists", "already exists", 10));
    }

    [Fact]
    public void The_description_names_the_object_and_quotes_the_server()
    {
        var rejection = Rejection.Classify(Budget, 404, "NotFound", "the server could not find the requested resource", 0)!;

        Assert.Equal("PodDisruptionBudget kafka/demo was rejected by the API server (404): \"the server could not find the requested resource\"", rejection.Describe());
        Assert.Equal("PodDisruptionBudgetNotServed", rejection.Reason);
    }
}
