using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kubernetes.Tests;

public sealed class ErrorTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private KubernetesClient _client = null!;

    private ScriptedApiServer Server => _cluster.Server;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _client = _cluster.Client(change: b => b.MaxRetryAfterAttempts = 0);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Theory]
    [InlineData(404, "NotFound", typeof(KubernetesNotFoundException))]
    [InlineData(409, "AlreadyExists", typeof(KubernetesAlreadyExistsException))]
    [InlineData(409, "Conflict", typeof(KubernetesConflictException))]
    [InlineData(410, "Expired", typeof(KubernetesGoneException))]
    [InlineData(422, "Invalid", typeof(KubernetesInvalidException))]
    [InlineData(403, "Forbidden", typeof(KubernetesForbiddenException))]
    [InlineData(429, "TooManyRequests", typeof(KubernetesTooManyRequestsException))]
    [InlineData(500, "InternalError", typeof(KubernetesServerErrorException))]
    [InlineData(503, "ServiceUnavailable", typeof(KubernetesServerErrorException))]
    [InlineData(400, "BadRequest", typeof(KubernetesApiException))]
    public async Task Each_failure_status_maps_to_its_exception_type_with_the_servers_status(int code, string reason, Type expected)
    {
        Server.ThenStatus(code, reason, $"the server said {reason}");

        var error = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.GetAsync<Pod>("p", "kafka"));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.Code);
        Assert.Equal(reason, error.Status.Reason);
        Assert.Equal($"the server said {reason}", error.Status.Message);
        Assert.Contains($"GET /api/v1/namespaces/kafka/pods/p failed with {code} {reason}: the server said {reason}", error.Message);
    }

    [Fact]
    public async Task Predicates_tell_already_exists_from_a_stale_write()
    {
        Server.ThenStatus(409, "AlreadyExists", "exists").ThenStatus(409, "Conflict", "the object has been modified");

        var exists = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.GetAsync<Pod>("p", "kafka"));
        var stale = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.GetAsync<Pod>("p", "kafka"));

        Assert.True(exists.IsAlreadyExists);
        Assert.False(exists.IsConflict);
        Assert.True(stale.IsConflict);
        Assert.False(stale.IsAlreadyExists);
    }

    [Fact]
    public async Task Predicates_name_not_found_gone_invalid_forbidden_and_server_errors()
    {
        Server.ThenStatus(404, "NotFound", "x").ThenStatus(410, "Gone", "x").ThenStatus(422, "Invalid", "x").ThenStatus(403, "Forbidden", "x").ThenStatus(502, "InternalError", "x");

        var errors = new List<KubernetesApiException>();
        for (var i = 0; i < 5; i++) errors.Add(await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.GetAsync<Pod>("p", "kafka")));

        Assert.True(errors[0].IsNotFound);
        Assert.True(errors[1].IsGone);
        Assert.True(errors[2].IsInvalid);
        Assert.True(errors[3].IsForbidden);
        Assert.True(errors[4].IsServerError);
        Assert.All(errors.Take(4), e => Assert.False(e.IsServerError));
    }

    [Fact]
    public async Task An_invalid_answer_exposes_the_fields_that_failed_validation()
    {
        Server.ThenJson(422, """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
             "message":"KafkaCluster.kafka.actors.dev \"demo\" is invalid: spec.replicas: Invalid value: -1",
             "details":{"name":"demo","group":"kafka.actors.dev","kind":"KafkaCluster",
                        "causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1","field":"spec.replicas"}]}}
            """);

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => _client.GetAsync<Pod>("p", "kafka"));

        var cause = Assert.Single(error.Causes);
        Assert.Equal("spec.replicas", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.Equal("demo", error.Status.Details!.Name);
    }

    [Fact]
    public async Task A_non_json_error_body_still_gives_a_readable_message()
    {
        Server.ThenText(502, "<html><body>Bad gateway from the load balancer</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<KubernetesServerErrorException>(() => _client.GetAsync<Pod>("p", "kafka"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("Bad gateway from the load balancer", error.Message);
    }

    [Fact]
    public async Task An_empty_error_body_falls_back_to_the_reason_of_the_code()
    {
        Server.ThenText(404, "");

        var error = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => _client.GetAsync<Pod>("p", "kafka"));

        Assert.Equal("NotFound", error.Reason);
    }

    [Fact]
    public async Task A_refused_token_is_unauthorized()
    {
        Server.AcceptedTokens = ["some-other-token"];

        var error = await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => _client.GetAsync<Pod>("p", "kafka"));

        Assert.True(error.IsUnauthorized);
    }
}

public sealed class RetryAfterTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private readonly WatchedTimeProvider _clock = new();

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_delay_the_server_asks_for()
    {
        using var client = _cluster.Client(_clock);
        _cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "7")).ThenJson(200, Json.Pod("p", "1"));

        var get = client.GetAsync<Pod>("p", "kafka");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(_cluster.Server.Requests);
        Assert.False(get.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(7));
        var pod = await get;

        Assert.Equal(2, _cluster.Server.Requests.Count);
        Assert.Equal("1", pod.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_long_retry_after_is_capped()
    {
        using var client = _cluster.Client(_clock, b => b.MaxRetryAfterDelay = TimeSpan.FromSeconds(4));
        _cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "3600")).ThenJson(200, Json.Pod("p", "1"));

        var get = client.GetAsync<Pod>("p", "kafka");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        _clock.Advance(TimeSpan.FromSeconds(4));

        await get;
        Assert.Equal(2, _cluster.Server.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_429_surfaces_with_its_retry_after()
    {
        using var client = _cluster.Client(_clock, b => b.MaxRetryAfterAttempts = 2);
        for (var i = 0; i < 3; i++) _cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "1"));

        var get = client.GetAsync<Pod>("p", "kafka");
        for (var i = 0; i < 2; i++)
        {
            await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var error = await Assert.ThrowsAsync<KubernetesTooManyRequestsException>(() => get);

        Assert.Equal(3, _cluster.Server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
    }

    [Fact]
    public async Task A_server_error_with_retry_after_is_retried_but_one_without_is_not()
    {
        using var client = _cluster.Client(_clock);
        _cluster.Server.ThenStatus(503, "ServiceUnavailable", "starting", ("Retry-After", "2")).ThenJson(200, Json.Pod("p", "1"))
            .ThenStatus(500, "InternalError", "boom");

        var get = client.GetAsync<Pod>("p", "kafka");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await get;
        await Assert.ThrowsAsync<KubernetesServerErrorException>(() => client.GetAsync<Pod>("p", "kafka"));

        Assert.Equal(3, _cluster.Server.Requests.Count);
    }
}

public sealed class RequestDeadlineTests
{
    [Fact]
    public async Task A_request_that_gets_no_answer_within_the_deadline_times_out_with_its_request_line()
    {
        await using var cluster = await TestCluster.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        using var client = cluster.Client(clock, b => b.RequestTimeout = TimeSpan.FromSeconds(10));
        var release = new TaskCompletionSource();
        cluster.Server.Then(async _ => await release.Task);

        var get = client.GetAsync<Pod>("slow", "kafka");
        await cluster.Server.NextRequestAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => get);
        Assert.Contains("GET /api/v1/namespaces/kafka/pods/slow", error.Message);
        release.SetResult();
    }

    [Fact]
    public async Task Waiting_for_retry_after_does_not_count_against_the_deadline()
    {
        await using var cluster = await TestCluster.StartAsync();
        var clock = new WatchedTimeProvider();
        using var client = cluster.Client(clock, b => { b.RequestTimeout = TimeSpan.FromSeconds(10); b.MaxRetryAfterDelay = TimeSpan.FromSeconds(60); });
        cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "30")).ThenJson(200, Json.Pod("p", "1"));

        var get = client.GetAsync<Pod>("p", "kafka");
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("1", (await get).Metadata.ResourceVersion);
    }
}
