using System.Net;
using System.Text.RegularExpressions;
using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Dashboard;

public sealed class DashboardPageTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task The_page_is_served_at_the_root_without_a_token()
    {
        using var client = silo.Client();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Kafka operator</title>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/dashboard/dashboard.js", "text/javascript")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    public async Task The_pages_script_and_stylesheet_come_from_the_silo(string path, string mediaType)
    {
        using var client = silo.Client();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_loads_nothing_from_outside_the_silo()
    {
        using var client = silo.Client();
        var page = await client.GetStringAsync("/");
        var script = await client.GetStringAsync("/dashboard/dashboard.js");
        var style = await client.GetStringAsync("/dashboard/dashboard.css");

        var references = Regex.Matches(page, "(?:src|href)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(reference.StartsWith("/dashboard/") || reference.StartsWith("data:"), reference));
        // The one absolute URL allowed is the SVG namespace, a name rather than a place to load from.
        Assert.DoesNotMatch("https?://(?!www\\.w3\\.org/2000/svg\")", script);
        Assert.DoesNotContain("url(", style);
        Assert.DoesNotContain("@import", style);
    }

    [Fact]
    public async Task The_page_forbids_inline_and_foreign_scripts_and_framing()
    {
        using var client = silo.Client();

        var response = await client.GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
