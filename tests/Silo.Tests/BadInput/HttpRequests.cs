using System.Text;
using Actors.Silo.Tests.Fakes;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Generated HTTP requests to /api/v1 that are each wrong in one way — the body, its type or
/// size, a path segment, the method, the token — with the statuses that say so. Every write
/// among them is one the API must refuse, so none may change the cluster.
/// </summary>
public static class HttpRequests
{
    private const string Cluster = "/api/v1/clusters/kafka/demo";
    private const string Admin = "Bearer " + TestSilo.AdminToken;
    private const string Reader = "Bearer " + TestSilo.ReadToken;
    private static readonly byte[] GoodScale = Encoding.UTF8.GetBytes("""{"brokers": 7}""");

    private static readonly string[] Writes = ["/scale", "/restart", "/pause", "/resume"];

    private static HttpProbe Post(string what, string path, string? authorization, byte[]? body, string? type, bool chunked, params int[] expected) =>
        new(what, "POST", path, authorization, body, type, chunked, expected);

    /// <summary>POST …/scale with a body that is not a scale request.</summary>
    public static readonly Gen<HttpProbe> MalformedBody =
        from body in JsonBodies.Malformed
        from chunked in Gen.Elements(true, false)
        select Post(body.What, Cluster + "/scale", Admin, body.Body, "application/json", chunked, 400);

    /// <summary>A good scale request under a type that is not UTF-8 JSON.</summary>
    public static readonly Gen<HttpProbe> OddContentType =
        from type in Gen.Elements<string?>(
            null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/octet-stream", "application/jsonx", "json", "application/", "*/*", "%%%", "application/json; charset=utf-16",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-32", "application/json; charset=\"ucs-2\"",
            "application/json; charset=utf-7", "text/json", "application/json-seq", "application/javascript")
        let utf16 = type?.Contains("utf-16", StringComparison.Ordinal) == true
        select Post("odd content type", Cluster + "/scale", Admin,
            utf16 ? Encoding.Unicode.GetBytes("""{"brokers": 7}""") : GoodScale, type, false, 415);

    /// <summary>A scale request over the 64 KiB limit, declared or chunked.</summary>
    public static readonly Gen<HttpProbe> OverTheLimit =
        from size in Gen.Choose(64 * 1024 + 1, 512 * 1024)
        from chunked in Gen.Elements(true, false)
        let pad = new string('x', size)
        select Post($"{size}-byte body", Cluster + "/scale", Admin,
            Encoding.UTF8.GetBytes($$"""{"brokers": 7, "pad": "{{pad}}"}"""), "application/json", chunked, 413);

    private static readonly Gen<string> OddSegment =
        Gen.OneOf(
            Gen.Elements(
                "demo%0A", "%0A", "%00", "de%00mo", "demo%00", "a%2Fb", "%2F", "%20demo", "demo%20", "DEMO", "Demo", "-demo", "demo-",
                "d_emo", "dem%C3%A9", "%F0%9F%98%80", "%C3%28", "%FF", "%", "%zz", "..", ".", "d%D0%B5mo", "demo;x", "demo%3F", "demo%23",
                "%E2%80%8Bdemo", "demo%0D%0AX-Injected:%201", "%2E%2E", "de mo", "d\u00e9mo", "\u0434\u0435\u043c\u043e", "%7B%7D", "*"),
            Gen.Choose(64, 4000).Select(n => new string('a', n)),
            Gen.Choose(1, 8).Select(n => string.Concat(Enumerable.Repeat("%25", n)) + "0A"));

    /// <summary>A read or a write on a cluster whose namespace or name is not a Kubernetes name.</summary>
    public static readonly Gen<HttpProbe> OddPath =
        from segment in OddSegment
        from inName in Gen.Elements(true, false)
        from route in Gen.Elements("GET ", "GET /events", "GET /watch", "POST /scale", "POST /restart", "POST /pause", "POST /resume")
        let method = route[..route.IndexOf(' ')]
        let path = (inName ? "/api/v1/clusters/kafka/" + segment : "/api/v1/clusters/" + segment + "/demo") + route[(route.IndexOf(' ') + 1)..]
        // The client resolves a dot segment before sending ("/clusters/kafka/.." is "/clusters/"): a read may land on another resource.
        let dotSegment = segment is "." or ".." or "%2E%2E"
        select new HttpProbe($"odd {(inName ? "name" : "namespace")}", method, path, method == "GET" ? Reader : Admin,
            method == "POST" ? GoodScale : null, method == "POST" ? "application/json" : null, false,
            dotSegment && method == "GET" ? [200, 400, 404, 405] : [400, 404, 405]);

    /// <summary>A method the route does not serve.</summary>
    public static readonly Gen<HttpProbe> WrongMethod =
        from route in Gen.Elements(
            ("POST", "/api/v1/clusters"), ("PUT", "/api/v1/clusters"), ("DELETE", "/api/v1/clusters"),
            ("POST", Cluster), ("PUT", Cluster), ("DELETE", Cluster), ("PATCH", Cluster),
            ("GET", Cluster + "/scale"), ("PUT", Cluster + "/scale"), ("PATCH", Cluster + "/scale"), ("DELETE", Cluster + "/restart"),
            ("GET", Cluster + "/pause"), ("PUT", Cluster + "/resume"), ("POST", Cluster + "/events"), ("POST", Cluster + "/watch"),
            ("FOO", Cluster + "/scale"), ("PROPFIND", Cluster), ("OPTIONS", Cluster + "/scale"), ("TRACE", Cluster + "/restart"))
        let hasBody = route.Item1 is not "GET" and not "TRACE" and not "OPTIONS"
        select new HttpProbe("method not allowed", route.Item1, route.Item2, Admin,
            hasBody ? GoodScale : null, hasBody ? "application/json" : null, false, [405]);

    private static readonly (string? Value, int Status)[] BadAuthorizations =
    [
        (null, 401), ("", 401), ("Bearer", 401), ("Bearer ", 401), ("Bearer    ", 401), (TestSilo.AdminToken, 401),
        ("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + TestSilo.AdminToken)), 401),
        ("Token " + TestSilo.AdminToken, 401), ("Bearer\t" + TestSilo.AdminToken, 401), ("BearerX " + TestSilo.AdminToken, 401),
        (Admin[..^1], 401), (Admin + "8", 401), ("Bearer " + TestSilo.AdminToken.ToUpperInvariant(), 401),
        ("Bearer " + TestSilo.AdminToken + ", Bearer " + TestSilo.AdminToken, 401), ("Bearer Bearer " + TestSilo.AdminToken, 401),
        ("Bearer " + new string('A', 6000), 401), ("Bearer admin-token-4567\u0001", 401), ("Bearer *", 401), ("Bearer %61dmin-token-4567", 401),
        (Reader, 403), ("bearer " + TestSilo.ReadToken, 403), ("Bearer   " + TestSilo.ReadToken + "  ", 403),
    ];

    /// <summary>A good write under a token that does not grant it.</summary>
    public static readonly Gen<HttpProbe> WriteWithoutAdminToken =
        from auth in Gen.Elements(BadAuthorizations)
        from write in Gen.Elements(Writes)
        select Post("write without the admin token", Cluster + write, auth.Value, GoodScale, "application/json", false, auth.Status);

    /// <summary>A read under a bad token (refused) or the admin token (served: admin includes read).</summary>
    public static readonly Gen<HttpProbe> ReadWithOddToken =
        from auth in Gen.Elements(BadAuthorizations.Where(a => a.Status == 401).Append((Value: (string?)Admin, Status: 200)).ToArray())
        from path in Gen.Elements("/api/v1/clusters", "/api/v1/clusters?namespace=kafka", Cluster, Cluster + "/events")
        select new HttpProbe(auth.Status == 200 ? "read with the admin token" : "read with a bad token", "GET", path, auth.Value, null, null, false, [auth.Status]);

    /// <summary>Any of the above.</summary>
    public static readonly Gen<HttpProbe> Any =
        Gen.Frequency(
            (5, MalformedBody), (2, OddContentType), (1, OverTheLimit), (4, OddPath), (2, WrongMethod), (3, WriteWithoutAdminToken), (2, ReadWithOddToken));
}
