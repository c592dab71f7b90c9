using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.EndToEnd.Tests.Harness;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// What the real process answers to requests it must refuse — no token, a read token asking
/// for a change, bodies that are not a scale request, clusters that do not exist — over HTTP
/// and over gRPC with python3-grpcio, and that a refused request leaves the KafkaCluster exactly
/// as it was: same resourceVersion, nothing created.
/// </summary>
public sealed class ApiGuardTests(QuietEmbeddedSilo fixture) : IClassFixture<QuietEmbeddedSilo>
{
    private const string Sample = "/api/v1/clusters/kafka/demo";

    [Fact]
    public async Task Requests_without_a_valid_bearer_token_get_401_and_change_nothing()
    {
        await UnchangedAsync(async () =>
        {
            var none = await SendAsync(HttpMethod.Get, "/api/v1/clusters", token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
            Assert.Equal("Bearer realm=\"actors\"", none.Challenge);
            Assert.Contains("needs a bearer token", none.Detail);

            var wrong = await SendAsync(HttpMethod.Post, Sample + "/restart", token: "not-a-token");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Contains("error=\"invalid_token\"", wrong.Challenge);

            var grpc = await PythonGrpc.CallAsync(fixture.Silo.Grpc, "RestartCluster", new { @namespace = "kafka", name = "demo" }, token: null);
            Assert.Equal("UNAUTHENTICATED", grpc.Code);
        });
    }

    [Fact]
    public async Task A_read_token_may_look_but_every_change_is_forbidden_with_403()
    {
        await UnchangedAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, Sample, fixture.ReadToken)).Status);
            foreach (var (action, body) in new[] { ("scale", "{\"brokers\": 5}"), ("restart", ""), ("pause", ""), ("resume", "") })
            {
                var answer = await SendAsync(HttpMethod.Post, $"{Sample}/{action}", fixture.ReadToken, body);
                Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{action} with a read token answered {answer.Status}");
                Assert.Contains("may only read", answer.Detail);
            }

            var grpc = await PythonGrpc.CallAsync(fixture.Silo.Grpc, "ScaleBrokers", new { @namespace = "kafka", name = "demo", brokers = 5 }, fixture.ReadToken);
            Assert.Equal("PERMISSION_DENIED", grpc.Code);
        });
    }

    [Theory]
    [InlineData("", "body", "empty")]
    [InlineData("brokers=4", "body", "not valid JSON")]
    [InlineData("[4]", "body", "must be a JSON object")]
    [InlineData("{}", "brokers", "is required")]
    [InlineData("{\"brokers\": \"4\"}", "brokers", "must be an integer")]
    [InlineData("{\"brokers\": 4.5}", "brokers", "whole number")]
    [InlineData("{\"brokers\": 0}", "brokers", "between 1 and 1000")]
    [InlineData("{\"brokers\": 99999999999999999999}", "brokers", "between 1 and 1000")]
    [InlineData("{\"brokers\": 4, \"brokers\": 5}", "brokers", "more than once")]
    [InlineData("{\"brokers\": 4, \"controllers\": 5}", "controllers", "Unknown field 'controllers'")]
    public async Task A_bad_scale_body_gets_400_naming_the_field(string body, string field, string says)
    {
        await UnchangedAsync(async () =>
        {
            var answer = await SendAsync(HttpMethod.Post, Sample + "/scale", fixture.AdminToken, body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(field, answer.Field);
            Assert.Contains(says, answer.Detail);
        });
    }

    [Fact]
    public async Task A_scale_over_gRPC_without_a_broker_count_is_an_invalid_argument()
    {
        await UnchangedAsync(async () =>
        {
            var grpc = await PythonGrpc.CallAsync(fixture.Silo.Grpc, "ScaleBrokers", new { @namespace = "kafka", name = "demo" }, fixture.AdminToken);
            Assert.Equal("INVALID_ARGUMENT", grpc.Code);
            Assert.Contains("brokers", grpc.Details);
        });
    }

    [Fact]
    public async Task An_unknown_cluster_is_404_for_reads_watches_and_changes_and_is_not_created()
    {
        await UnchangedAsync(async () =>
        {
            foreach (var (method, path, body) in new[]
                     {
                         (HttpMethod.Get, "/api/v1/clusters/kafka/nope", ""),
                         (HttpMethod.Get, "/api/v1/clusters/kafka/nope/watch", ""),
                         (HttpMethod.Post, "/api/v1/clusters/kafka/nope/scale", "{\"brokers\": 4}"),
                         (HttpMethod.Post, "/api/v1/clusters/kafka/nope/restart", ""),
                         (HttpMethod.Post, "/api/v1/clusters/elsewhere/demo/pause", ""),
                     })
            {
                var answer = await SendAsync(method, path, fixture.AdminToken, body);
                Assert.True(answer.Status == HttpStatusCode.NotFound, $"{method} {path} answered {answer.Status}");
                Assert.Contains("not found", answer.Detail);
            }

            var grpc = await PythonGrpc.CallAsync(fixture.Silo.Grpc, "RestartCluster", new { @namespace = "kafka", name = "nope" }, fixture.AdminToken);
            Assert.Equal("NOT_FOUND", grpc.Code);
        });
    }

    /// <summary>Runs the requests, then checks the sample's resourceVersion and the set of clusters are as before.</summary>
    private async Task UnchangedAsync(Func<Task> requests)
    {
        var before = await fixture.SampleAsync();
        await requests();
        var after = await fixture.SampleAsync();
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        var clusters = await new KafkaClusters(fixture.Client).ListEverywhereAsync();
        Assert.Equal(["kafka/demo"], clusters.Select(c => $"{c.Metadata.NamespaceProperty}/{c.Metadata.Name}"));
    }

    private sealed record Answer(HttpStatusCode Status, string Detail, string? Field, string Challenge);

    private async Task<Answer> SendAsync(HttpMethod method, string path, string? token, string body = "")
    {
        using var http = fixture.Http();
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string detail = "", field = "";
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = JsonDocument.Parse(text).RootElement;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            field = problem.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "";
        }

        return new Answer(response.StatusCode, detail, field.Length == 0 ? null : field, response.Headers.WwwAuthenticate.ToString());
    }
}
