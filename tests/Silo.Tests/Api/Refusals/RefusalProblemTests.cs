using System.Text;
using System.Text.Json;
using Actors.Silo.Api.Refusals;

namespace Actors.Silo.Tests.Api.Refusals;

/// <summary>The amendment of Kestrel's bare answer, byte for byte, without a server.</summary>
public sealed class RefusalProblemTests
{
    private static readonly ServerRefusal NulInPath = new("Invalid request target", "/api/v1/clusters/kafka/%00", "0HN:00000001");

    private static byte[] Head(string text) => Encoding.Latin1.GetBytes(text);

    [Fact]
    public void A_bare_400_gets_the_problem_as_its_body_and_keeps_its_other_headers()
    {
        var amended = RefusalProblem.Amend(Head("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nServer: Kestrel\r\n\r\n"), NulInPath);

        var text = Encoding.UTF8.GetString(amended!);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = text[(split + 4)..];
        Assert.Equal(
            $"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nServer: Kestrel\r\nContent-Type: application/problem+json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}",
            text[..split]);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        Assert.Equal("0HN:00000001", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public void Another_error_status_is_titled_by_its_reason_phrase()
    {
        var amended = RefusalProblem.Amend(Head("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            new ServerRefusal("Request headers too long", null, null));

        var body = Encoding.UTF8.GetString(amended!).Split("\r\n\r\n")[1];
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(431, problem.GetProperty("status").GetInt32());
        Assert.Equal("Request Header Fields Too Large", problem.GetProperty("title").GetString());
        Assert.StartsWith("Request headers too long: the HTTP server refused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n{}\r\n\r\n")]
    [InlineData("{\"partial\": \"body\"}\r\n\r\n")]
    public void Anything_but_a_complete_bodyless_error_head_is_left_as_it_is(string head) =>
        Assert.Null(RefusalProblem.Amend(Head(head), NulInPath));

    [Theory]
    [InlineData("Invalid request target: ''", "Invalid request target")]
    [InlineData("Invalid request target: '/a\\x00b'", "Invalid request target")]
    [InlineData("Request is missing Host header.", "Request is missing Host header")]
    [InlineData("Malformed request: invalid headers.", "Malformed request: invalid headers")]
    [InlineData(null, "The request is not valid HTTP/1.1")]
    public void Kestrels_reason_is_kept_without_its_quoted_text(string? message, string reason) =>
        Assert.Equal(reason, ServerRefusal.ReasonOf(message));
}
