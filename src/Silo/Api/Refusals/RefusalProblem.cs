using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Silo.Api.Refusals;

/// <summary>
/// Turns Kestrel's answer to a refused request — a status line and headers with
/// "Content-Length: 0" and no body — into the same answer carrying a problem document
/// (application/problem+json) that names the problem, like every other answer of the API. Pure.
/// </summary>
public static class RefusalProblem
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// The amended answer, or null when <paramref name="head"/> is not a complete bodyless error
    /// head (then it is sent as it is): a status below 400, a body, a content type of its own.
    /// </summary>
    public static byte[]? Amend(ReadOnlySpan<byte> head, ServerRefusal refusal)
    {
        if (!head.EndsWith(EndOfHead) || head.IndexOf(EndOfHead) != head.Length - EndOfHead.Length)
        {
            return null;
        }

        var lines = Encoding.Latin1.GetString(head[..^EndOfHead.Length]).Split("\r\n");
        if (StatusOf(lines[0]) is not { } status || status < 400)
        {
            return null;
        }

        var headers = lines.Skip(1).ToList();
        if (!headers.Any(h => Is(h, "Content-Length") && Value(h) == "0") || headers.Any(h => Is(h, "Content-Type") || Is(h, "Transfer-Encoding")))
        {
            return null;
        }

        var body = Document(status, refusal);
        var amended = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !Is(h, "Content-Length")))
        {
            amended.Append(header).Append("\r\n");
        }

        amended.Append("Content-Type: application/problem+json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(amended.ToString()), .. body];
    }

    /// <summary>The document: the fields the API's other problems have (type, title, status, detail, traceId).</summary>
    public static byte[] Document(int status, ServerRefusal refusal)
    {
        var problem = new ProblemDetails
        {
            Type = status == StatusCodes.Status400BadRequest ? "https://tools.ietf.org/html/rfc9110#section-15.5.1" : null,
            Title = status == StatusCodes.Status400BadRequest ? "Invalid request" : ReasonPhrases.GetReasonPhrase(status),
            Status = status,
            Detail = Detail(refusal),
        };
        if (refusal.TraceId is not null)
        {
            problem.Extensions["traceId"] = refusal.TraceId;
        }

        return JsonSerializer.SerializeToUtf8Bytes(problem);
    }

    /// <summary>Kestrel's reason, the target when that is what it refused, and what a request should look like instead.</summary>
    public static string Detail(ServerRefusal refusal)
    {
        const string Refused = "the HTTP server refused the request before the API could read it, and closes the connection.";
        var aboutTarget = refusal.Reason.Contains("request target", StringComparison.OrdinalIgnoreCase)
            || refusal.Reason.Contains("request line", StringComparison.OrdinalIgnoreCase);
        if (!aboutTarget)
        {
            return $"{refusal.Reason}: {Refused}";
        }

        var what = refusal.Target is { } target ? $"{refusal.Reason} '{Shorten(target)}'" : refusal.Reason;
        return $"{what}: {Refused} A path is percent-encoded UTF-8 without NUL (%00), spaces or control characters, like /api/v1/clusters/kafka/demo.";
    }

    private static int? StatusOf(string statusLine) =>
        statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine.Length >= 12
            && int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : null;

    private static bool Is(string header, string name) =>
        header.Length > name.Length && header[name.Length] == ':' && header.StartsWith(name, StringComparison.OrdinalIgnoreCase);

    private static string Value(string header) => header[(header.IndexOf(':') + 1)..].Trim();

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..97] + "...";
}
