using System.Collections.Frozen;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The page, its stylesheet and its script, compiled into the silo (Dashboard/Assets), so the
/// dashboard works offline and from any working directory, with nothing fetched from outside.
/// </summary>
public static class DashboardAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Files = new Dictionary<string, (string, byte[])>
    {
        ["index.html"] = ("text/html; charset=utf-8", Load("index.html")),
        ["dashboard.css"] = ("text/css; charset=utf-8", Load("dashboard.css")),
        ["dashboard.js"] = ("text/javascript; charset=utf-8", Load("dashboard.js")),
    }.ToFrozenDictionary();

    /// <summary>
    /// Scripts and styles only from this silo, no inline code, no framing: the page shows data
    /// from the cluster (names, messages) and must never run anything that came with it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IResult Serve(HttpContext context, string file)
    {
        var (contentType, content) = Files[file];
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(content, contentType);
    }

    private static byte[] Load(string file)
    {
        var name = $"Actors.Silo.Dashboard.{file}";
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
