using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kubernetes.Tests;

public sealed class ErrorTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private k8s.Kubernetes _client = null!;

    private ScriptedApiServer Server => _cluster.Server;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _client = _cluster.Client(change: p => p with { MaxRetryAfterAttempts = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    private Task<V1Pod> Get(string name = "p") => _client.CoreV1.ReadNamespacedPodAsync(name, "kafka");

    [Theory]
    [InlineData(404, "NotFound", "NotFound")]
    [InlineData(409, "AlreadyExists", "AlreadyExists")]
    [InlineData(409, "Conflict", "Conflict")]
    [InlineData(410, "Expired", "Gone")]
    [InlineData(422, "Invalid", "Invalid")]
    [InlineData(403, "Forbidden", "Forbidden")]
    [InlineData(429, "TooManyRequests", "TooManyRequests")]
    [InlineData(500, "InternalError", "ServerError")]
    [InlineData(503, "ServiceUnavailable", "ServerError")]
    [InlineData(400, "BadRequest", "BadRequest")]
    public async Task Each_failure_status_is_classified_with_the_servers_status(int code, string reason, string kind)
    {
        Server.ThenStatus(code, reason, $"the server said {reason}");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Get());

        Assert.Equal([kind], Kinds(error));
        Assert.Equal(code, (int)error.StatusCodeOf()!);
        Assert.Equal(reason, error.ApiStatus()!.Reason);
        Assert.Equal($"the server said {reason}", error.ApiMessage());
    }

    /// <summary>Every predicate that holds, so a test sees that exactly one does.</summary>
    private static List<string> Kinds(Exception e)
    {
        var kinds = new List<string>();
        if (e.IsNotFound()) kinds.Add("NotFound");
        if (e.IsAlreadyExists()) kinds.Add("AlreadyExists");
        if (e.IsConflict()) kinds.Add("Conflict");
        if (e.IsGone()) kinds.Add("Gone");
        if (e.IsInvalid()) kinds.Add("Invalid");
        if (e.IsForbidden()) kinds.Add("Forbidden");
        if (e.IsUnauthorized()) kinds.Add("Unauthorized");
        if (e.IsTooManyRequests()) kinds.Add("TooManyRequests");
        if (e.IsServerError()) kinds.Add("ServerError");
        if (e.IsBadRequest()) kinds.Add("BadRequest");
        return kinds;
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

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Get());

        var cause = Assert.Single(error.Causes());
        Assert.Equal("spec.replicas", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.Equal("demo", error.ApiStatus()!.Details!.Name);
    }

    [Fact]
    public async Task A_non_json_error_body_still_gives_a_readable_message()
    {
        Server.ThenText(502, "<html><body>Bad gateway from the load balancer</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Get());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCodeOf());
        Assert.True(error.IsServerError());
        Assert.Null(error.ApiStatus());
        Assert.Contains("Bad gateway from the load balancer", error.Message);
    }

    [Fact]
    public async Task A_refused_token_is_unauthorized()
    {
        Server.AcceptedTokens = ["some-other-token"];

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Get());

        Assert.Equal(["Unauthorized"], Kinds(error));
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

        var get = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
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
        using var client = _cluster.Client(_clock, p => p with { MaxRetryAfterDelay = TimeSpan.FromSeconds(4) });
        _cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "3600")).ThenJson(200, Json.Pod("p", "1"));

        var get = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        _clock.Advance(TimeSpan.FromSeconds(4));

        await get;
        Assert.Equal(2, _cluster.Server.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_429_surfaces_with_its_retry_after()
    {
        using var client = _cluster.Client(_clock, p => p with { MaxRetryAfterAttempts = 2 });
        for (var i = 0; i < 3; i++) _cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "1"));

        var get = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        for (var i = 0; i < 2; i++)
        {
            await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => get);

        Assert.True(error.IsTooManyRequests());
        Assert.Equal(3, _cluster.Server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfterOf());
    }

    [Fact]
    public async Task A_server_error_with_retry_after_is_retried_but_one_without_is_not()
    {
        using var client = _cluster.Client(_clock);
        _cluster.Server.ThenStatus(503, "ServiceUnavailable", "starting", ("Retry-After", "2")).ThenJson(200, Json.Pod("p", "1"))
            .ThenStatus(500, "InternalError", "boom");

        var get = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await get;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedPodAsync("p", "kafka"));

        Assert.True(error.IsServerError());

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
        using var client = cluster.Client(clock, p => p with { RequestTimeout = TimeSpan.FromSeconds(10) });
        var release = new TaskCompletionSource();
        cluster.Server.Then(async _ => await release.Task);

        var get = client.CoreV1.ReadNamespacedPodAsync("slow", "kafka");
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
        using var client = cluster.Client(clock, p => p with { RequestTimeout = TimeSpan.FromSeconds(10), MaxRetryAfterDelay = TimeSpan.FromSeconds(60) });
        cluster.Server.ThenStatus(429, "TooManyRequests", "slow down", ("Retry-After", "30")).ThenJson(200, Json.Pod("p", "1"));

        var get = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("1", (await get).Metadata.ResourceVersion);
    }
}
