using System.Net.Http.Json;
using System.Text.Json;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Api;

public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task The_document_lists_every_cluster_path_with_its_methods()
    {
        using var client = silo.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/clusters").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/clusters/{namespace}/{name}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/clusters/{namespace}/{name}/events").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/clusters/{namespace}/{name}/watch").TryGetProperty("get", out _));
        foreach (var action in new[] { "scale", "restart", "pause", "resume" })
        {
            Assert.True(paths.GetProperty($"/api/v1/clusters/{{namespace}}/{{name}}/{action}").TryGetProperty("post", out _), action);
        }

        Assert.False(paths.TryGetProperty("/metrics", out _));
    }

    [Fact]
    public async Task The_document_describes_the_scale_body_and_bearer_tokens()
    {
        using var client = silo.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scale = document.GetProperty("paths").GetProperty("/api/v1/clusters/{namespace}/{name}/scale").GetProperty("post");
        Assert.True(scale.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(scale.GetProperty("responses").TryGetProperty("413", out _));
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ClusterView", out _));
    }
}
