using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Contracts.Api;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

public sealed class ClusterActionTests : IAsyncLifetime
{
    private TestSilo silo = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        admin = silo.Client(TestSilo.AdminToken);
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await silo.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Scaling_asks_the_operator_for_the_new_broker_count()
    {
        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json("""{"brokers": 5}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var cluster = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, cluster.GetProperty("desiredBrokers").GetInt32());
        Assert.Equal(["Scale kafka/demo 5"], silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("""{"brokers": 1}""", 1)]
    [InlineData("""{"brokers": 1000}""", 1000)]
    [InlineData("""  { "brokers" : 7 }  """, 7)]
    public async Task Scaling_accepts_every_count_within_bounds(string body, int brokers)
    {
        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([$"Scale kafka/demo {brokers}"], silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("{\"brokers\": 3", "body", "not valid JSON")]
    [InlineData("brokers=3", "body", "not valid JSON")]
    [InlineData("", "body", "The request body is empty")]
    [InlineData("[3]", "body", "must be a JSON object, not an array")]
    [InlineData("null", "body", "must be a JSON object, not null")]
    [InlineData("{}", "brokers", "Field 'brokers' is required")]
    [InlineData("""{"brokers": "3"}""", "brokers", "must be an integer, not a string")]
    [InlineData("""{"brokers": null}""", "brokers", "must be an integer, not null")]
    [InlineData("""{"brokers": true}""", "brokers", "must be an integer, not a boolean")]
    [InlineData("""{"brokers": 3.5}""", "brokers", "must be a whole number, got 3.5")]
    [InlineData("""{"brokers": 1e3}""", "brokers", "must be a whole number, got 1e3")]
    [InlineData("""{"brokers": -1}""", "brokers", "brokers must be between 1 and 1000, got -1")]
    [InlineData("""{"brokers": 0}""", "brokers", "brokers must be between 1 and 1000, got 0")]
    [InlineData("""{"brokers": 1001}""", "brokers", "brokers must be between 1 and 1000, got 1001")]
    [InlineData("""{"brokers": 2147483648}""", "brokers", "between 1 and 1000, got 2147483648")]
    [InlineData("""{"brokers": 99999999999999999999999}""", "brokers", "between 1 and 1000, got 99999999999999999999999")]
    [InlineData("""{"brokers": 3, "brokers": 4}""", "brokers", "appears more than once")]
    [InlineData("""{"borkers": 3}""", "borkers", "Unknown field 'borkers'")]
    [InlineData("""{"brokers": 3, "controllers": 5}""", "controllers", "Unknown field 'controllers'")]
    public async Task Bad_scale_requests_are_refused_before_the_operator_is_asked(string body, string field, string detail)
    {
        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detail, field);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_scale_request_that_is_not_json_is_an_unsupported_media_type()
    {
        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", new StringContent("brokers=3", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "must be JSON with 'Content-Type: application/json', not 'text/plain");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_body_declared_over_64_KiB_is_refused_unread()
    {
        var body = $$"""{"brokers": 3, "pad": "{{new string('x', 70_000)}}"}""";

        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 65536 bytes");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"brokers": 3, "pad": "{{new string('x', 70_000)}}"}""");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/clusters/kafka/demo/scale") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 65536 bytes");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task Scaling_an_unknown_cluster_is_not_found()
    {
        var response = await admin.PostAsync("/api/v1/clusters/kafka/missing/scale", Json("""{"brokers": 3}"""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "KafkaCluster kafka/missing not found");
    }

    [Fact]
    public async Task Scaling_into_an_operation_under_way_is_a_conflict()
    {
        silo.Clusters.NextFailure = new ClusterConflictException("kafka/demo is rolling (1 of 3); scale after the rollout finishes.");

        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json("""{"brokers": 4}"""));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "kafka/demo is rolling (1 of 3); scale after the rollout finishes.");
    }

    [Fact]
    public async Task A_request_the_operator_finds_invalid_names_the_field()
    {
        silo.Clusters.NextFailure = new InvalidClusterRequestException("brokers", "brokers cannot go below the topics' replication factor 3.");

        var response = await admin.PostAsync("/api/v1/clusters/kafka/demo/scale", Json("""{"brokers": 2}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "replication factor 3", "brokers");
    }

    [Theory]
    [InlineData("restart", "Restart kafka/demo")]
    [InlineData("pause", "Pause kafka/demo")]
    [InlineData("resume", "Resume kafka/demo")]
    public async Task Actions_are_handed_to_the_operator(string action, string call)
    {
        var response = await admin.PostAsync($"/api/v1/clusters/kafka/demo/{action}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("demo", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal([call], silo.Clusters.Calls);
    }

    [Fact]
    public async Task Pausing_shows_the_cluster_as_paused()
    {
        var cluster = await (await admin.PostAsync("/api/v1/clusters/kafka/demo/pause", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(cluster.GetProperty("paused").GetBoolean());
    }

    [Theory]
    [InlineData("restart")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task Actions_on_an_unknown_cluster_are_not_found(string action)
    {
        var response = await admin.PostAsync($"/api/v1/clusters/kafka/missing/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "KafkaCluster kafka/missing not found");
    }

    [Theory]
    [InlineData("/api/v1/clusters/KAFKA/demo/restart", "namespace")]
    [InlineData("/api/v1/clusters/kafka/demo!/pause", "name")]
    [InlineData("/api/v1/clusters/kafka/de..mo/resume", "name")]
    [InlineData("/api/v1/clusters/kafka/Demo/scale", "name")]
    public async Task Actions_on_malformed_names_are_refused_before_the_operator_is_asked(string path, string field)
    {
        var response = await admin.PostAsync(path, Json("""{"brokers": 3}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "not a valid DNS-1123", field);
        Assert.Empty(silo.Clusters.Calls);
    }
}
