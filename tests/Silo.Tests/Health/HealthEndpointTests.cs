using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Silo.Health;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Health;

public sealed class HealthEndpointTests
{
    private sealed class Membership(bool ready, string detail) : IReadinessCheck
    {
        public string Name => "operator-cluster";

        public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => new(new ReadinessResult(ready, detail));
    }

    private sealed class BrokenCheck : IReadinessCheck
    {
        public string Name => "informers";

        public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("cache not started");
    }

    [Fact]
    public async Task Liveness_answers_ok_without_a_token()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = silo.Client();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_is_ready_when_no_check_objects()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = silo.Client();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_reports_each_check_with_its_detail()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton(new Membership(true, "actors-1 is Active in operator cluster ops"))
            .AddReadinessCheck<Membership>());
        using var client = silo.Client();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks")[0];
        Assert.Equal("operator-cluster", check.GetProperty("name").GetString());
        Assert.True(check.GetProperty("ready").GetBoolean());
        Assert.Equal("actors-1 is Active in operator cluster ops", check.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task One_check_not_ready_makes_the_replica_unready()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton(new Membership(false, "actors-1 is Joining in operator cluster ops"))
            .AddReadinessCheck<Membership>());
        using var client = silo.Client();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not ready", body.GetProperty("status").GetString());
        Assert.Equal("actors-1 is Joining in operator cluster ops", body.GetProperty("checks")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_check_that_throws_counts_as_not_ready()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddReadinessCheck<BrokenCheck>());
        using var client = silo.Client();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var check = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks")[0];
        Assert.Equal("check failed: cache not started", check.GetProperty("detail").GetString());
    }
}
