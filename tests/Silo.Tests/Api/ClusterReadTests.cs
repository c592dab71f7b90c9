using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

public sealed class ClusterReadTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
        silo.Clusters.Add(FakeClusterOperations.Demo("analytics", "events", brokers: 5));
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Listing_shows_every_cluster_to_a_read_token()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var clusters = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters");

        Assert.Equal(["analytics/events", "kafka/demo"],
            clusters.EnumerateArray().Select(c => $"{c.GetProperty("namespace")}/{c.GetProperty("name")}"));
        Assert.Equal(["List *"], silo.Clusters.Calls);
    }

    [Fact]
    public async Task Listing_can_be_narrowed_to_one_namespace()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var clusters = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters?namespace=kafka");

        Assert.Equal("demo", Assert.Single(clusters.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Listing_with_an_invalid_namespace_is_refused_before_the_operator_is_asked()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters?namespace=Bad_Namespace");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "namespace 'Bad_Namespace' is not a valid DNS-1123 label", "namespace");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_cluster_shows_its_status_conditions_nodes_and_operation()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/demo");
        var cluster = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Running", cluster.GetProperty("phase").GetString());
        Assert.Equal(4, cluster.GetProperty("observedGeneration").GetInt64());
        Assert.Equal(3, cluster.GetProperty("readyBrokers").GetInt32());
        Assert.Equal(3, cluster.GetProperty("desiredBrokers").GetInt32());
        Assert.Equal("demo-bootstrap.kafka.svc:9092", cluster.GetProperty("bootstrapServers").GetString());
        Assert.False(cluster.GetProperty("paused").GetBoolean());
        var ready = cluster.GetProperty("conditions")[0];
        Assert.Equal("Ready", ready.GetProperty("type").GetString());
        Assert.Equal("True", ready.GetProperty("status").GetString());
        Assert.Equal("AllNodesReady", ready.GetProperty("reason").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), ready.GetProperty("lastTransitionTime").GetDateTimeOffset());
        var broker = cluster.GetProperty("nodes")[1];
        Assert.Equal("demo-broker-0", broker.GetProperty("pod").GetString());
        Assert.Equal("broker", broker.GetProperty("role").GetString());
        Assert.True(broker.GetProperty("ready").GetBoolean());
        var operation = cluster.GetProperty("operation");
        Assert.Equal("RollingRestart", operation.GetProperty("kind").GetString());
        Assert.Equal(1, operation.GetProperty("done").GetInt32());
        Assert.Equal(3, operation.GetProperty("total").GetInt32());
        Assert.Equal(["Get kafka/demo"], silo.Clusters.Calls);
    }

    [Fact]
    public async Task An_unknown_cluster_is_not_found()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/missing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "KafkaCluster kafka/missing not found");
    }

    [Theory]
    [InlineData("/api/v1/clusters/Kafka/demo", "namespace", "namespace 'Kafka' is not a valid DNS-1123 label")]
    [InlineData("/api/v1/clusters/kafka-/demo", "namespace", "not a valid DNS-1123 label")]
    [InlineData("/api/v1/clusters/kafka/demo_1", "name", "name 'demo_1' is not a valid DNS-1123 subdomain")]
    [InlineData("/api/v1/clusters/kafka/-demo/events", "name", "not a valid DNS-1123 subdomain")]
    [InlineData("/api/v1/clusters/kafka/de%20mo/watch", "name", "not a valid DNS-1123 subdomain")]
    public async Task Malformed_names_are_refused_before_the_operator_is_asked(string path, string field, string detail)
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detail, field);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task An_overlong_namespace_is_refused_and_not_echoed_whole()
    {
        using var client = silo.Client(TestSilo.ReadToken);
        var ns = new string('a', 100);

        var response = await client.GetAsync($"/api/v1/clusters/{ns}/demo");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "is longer than 63 characters", "namespace");
        Assert.DoesNotContain(ns, problem.GetProperty("detail").GetString());
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task Events_list_what_happened_to_the_cluster()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var events = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters/kafka/demo/events");

        var restarted = events[0];
        Assert.Equal("Normal", restarted.GetProperty("type").GetString());
        Assert.Equal("BrokerRestarted", restarted.GetProperty("reason").GetString());
        Assert.Equal("Restarted demo-broker-0", restarted.GetProperty("message").GetString());
        Assert.Equal(2, restarted.GetProperty("count").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 12, 5, 0, TimeSpan.Zero), restarted.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("Warning", events[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Events_of_an_unknown_cluster_are_not_found()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/missing/events");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "KafkaCluster kafka/missing not found");
    }

    [Fact]
    public async Task An_unknown_path_is_a_problem_not_an_empty_page()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.GetAsync("/api/v1/brokers");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Nothing is served at /api/v1/brokers");
    }

    [Fact]
    public async Task A_wrong_method_is_refused_without_reaching_the_operator()
    {
        using var client = silo.Client(TestSilo.AdminToken);

        var response = await client.DeleteAsync("/api/v1/clusters/kafka/demo");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "DELETE is not allowed on /api/v1/clusters/kafka/demo");
        Assert.Empty(silo.Clusters.Calls);
    }
}
