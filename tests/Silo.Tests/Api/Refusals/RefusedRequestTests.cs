using System.Net;
using System.Text.Json;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api.Refusals;

/// <summary>
/// Requests Kestrel refuses before any middleware runs — a NUL in the path, a byte that cannot be
/// in a request target, no Host — are answered with a problem document naming the problem, over
/// the real listener, and the connection is then closed.
/// </summary>
public sealed class RefusedRequestTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private static JsonElement AssertProblem(RawAnswer answer, int status, string detailContains)
    {
        Assert.True(answer.Status == status, $"answered {answer.Status}: {answer.Text}");
        Assert.Equal("application/problem+json", answer.Headers["content-type"]);
        Assert.Equal("close", answer.Headers["connection"]);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task A_path_with_an_encoded_NUL_is_a_problem_document_naming_the_target()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/%00");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        Assert.StartsWith("Invalid request target '/api/v1/clusters/kafka/%00': the HTTP server refused the request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("without NUL (%00)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(silo.Clusters.Calls);
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        { "GET /api/v1/clusters/kafka/demo%00 HTTP/1.1\r\nHost: x\r\n\r\n", "Invalid request target '/api/v1/clusters/kafka/demo%00'" },
        { "POST /api/v1/clusters/kafka/%00/scale HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\n\r\n{\"brokers\": 7}", "Invalid request target '/api/v1/clusters/kafka/%00/scale'" },
        { "GET /api/v1/clusters/kafka/d\u00e9mo HTTP/1.1\r\nHost: x\r\n\r\n", "Invalid request target" },
        { "GET /api/v1/clusters/kafka/de mo HTTP/1.1\r\nHost: x\r\n\r\n", "Invalid request line" },
        { "GET /api/v1/clusters/kafka/demo HTTP/1.1\r\n\r\n", "Request is missing Host header: the HTTP server refused the request" },
        { "GET /api/v1/clusters/kafka/demo HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0000b\r\n\r\n", "Malformed request: invalid headers" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_request_the_server_cannot_read_is_a_problem_document_over_a_raw_socket(string request, string detail)
    {
        var answers = await RawHttpExchange.SendAsync(silo.Http, request);

        var answer = Assert.Single(answers);
        AssertProblem(answer, 400, detail);
        Assert.Equal(answer.Body.Length, int.Parse(answer.Headers["content-length"]));
        Assert.Empty(silo.Clusters.Calls);
    }

    public static TheoryData<string, string> ReadByTheApi => new()
    {
        { "/api/v1/clusters/kafka/de\u0001mo", "name 'de\u0001mo' is not a valid DNS-1123 subdomain" },
        { "/api/v1/clusters/kafka/de\u007fmo", "name 'de\u007fmo' is not a valid DNS-1123 subdomain" },
        { "/api/v1/clusters/kafka/%zz", "name '%zz' is not a valid DNS-1123 subdomain" },
        { "/api/v1/clusters/kafka/%C3%28", "is not a valid DNS-1123 subdomain" },
        { "/api/v1/clusters/k%01fka/demo", "namespace 'k\u0001fka' is not a valid DNS-1123 label" },
    };

    /// <summary>
    /// What Kestrel lets through — a control character other than NUL, a percent sign that encodes
    /// nothing, percent-encoded bytes that are not UTF-8 — reaches the API, which names the field.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReadByTheApi))]
    public async Task Other_odd_bytes_in_a_path_reach_the_API_and_are_a_problem_naming_the_field(string path, string detail)
    {
        var answers = await RawHttpExchange.SendAsync(silo.Http,
            $"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestSilo.ReadToken}\r\nConnection: close\r\n\r\n");

        AssertProblem(Assert.Single(answers), 400, detail);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_refusal_after_a_served_request_on_the_same_connection_leaves_the_first_answer_intact()
    {
        var answers = await RawHttpExchange.SendAsync(silo.Http,
            $"GET /api/v1/clusters/kafka/demo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestSilo.ReadToken}\r\n\r\n" +
            "GET /api/v1/clusters/kafka/%00 HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(2, answers.Count);
        Assert.Equal(200, answers[0].Status);
        Assert.Equal("demo", JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("name").GetString());
        AssertProblem(answers[1], 400, "Invalid request target '/api/v1/clusters/kafka/%00'");
    }

    [Fact]
    public async Task An_answer_the_API_gives_itself_keeps_its_own_problem()
    {
        var answers = await RawHttpExchange.SendAsync(silo.Http,
            "GET /api/v1/clusters/kafka/demo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        var problem = AssertProblem(Assert.Single(answers), 401, "token");
        Assert.DoesNotContain("refused the request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
