using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

public sealed class ApiAccessTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync();
        silo.Clusters.Add(FakeClusterOperations.Demo());
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private static StringContent Scale => new("""{"brokers": 5}""", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("GET", "/api/v1/clusters")]
    [InlineData("GET", "/api/v1/clusters/kafka/demo")]
    [InlineData("GET", "/api/v1/clusters/kafka/demo/events")]
    [InlineData("GET", "/api/v1/clusters/kafka/demo/watch")]
    [InlineData("POST", "/api/v1/clusters/kafka/demo/scale")]
    [InlineData("POST", "/api/v1/clusters/kafka/demo/restart")]
    [InlineData("POST", "/api/v1/clusters/kafka/demo/pause")]
    [InlineData("POST", "/api/v1/clusters/kafka/demo/resume")]
    public async Task Every_endpoint_needs_a_token(string method, string path)
    {
        using var client = silo.Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Scale : null });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "This request needs a bearer token");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task An_unknown_token_is_unauthorized_and_told_it_is_invalid()
    {
        using var client = silo.Client("not-a-token");

        var response = await client.GetAsync("/api/v1/clusters/kafka/demo");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "The bearer token is not valid.");
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task Basic_credentials_are_not_accepted()
    {
        using var client = silo.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + TestSilo.AdminToken)));

        var response = await client.GetAsync("/api/v1/clusters");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "must use the Bearer scheme");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("/api/v1/clusters/kafka/demo/scale")]
    [InlineData("/api/v1/clusters/kafka/demo/restart")]
    [InlineData("/api/v1/clusters/kafka/demo/pause")]
    [InlineData("/api/v1/clusters/kafka/demo/resume")]
    public async Task A_read_token_cannot_change_a_cluster(string path)
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.PostAsync(path, Scale);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "may only read; changing a cluster needs an admin token");
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task Authorization_is_checked_before_the_body_is_judged()
    {
        using var client = silo.Client(TestSilo.ReadToken);

        var response = await client.PostAsync("/api/v1/clusters/kafka/demo/scale", new StringContent("{nonsense", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_token_can_also_read()
    {
        using var client = silo.Client(TestSilo.AdminToken);

        var response = await client.GetAsync("/api/v1/clusters/kafka/demo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_reads_when_enabled_still_leave_changes_to_admins()
    {
        await using var open = await TestSilo.StartAsync(options => options.AnonymousReads = true);
        open.Clusters.Add(FakeClusterOperations.Demo());
        using var client = open.Client();

        var read = await client.GetAsync("/api/v1/clusters/kafka/demo");
        var write = await client.PostAsync("/api/v1/clusters/kafka/demo/pause", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await write.AssertProblemAsync(HttpStatusCode.Unauthorized, "needs a bearer token");
        Assert.Equal(["Get kafka/demo"], open.Clusters.Calls);
    }
}
