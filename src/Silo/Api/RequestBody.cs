using Microsoft.Net.Http.Headers;

namespace Actors.Silo.Api;

/// <summary>
/// Reads a JSON request body under a size limit. Refuses a declared length over the limit
/// before reading a byte, a charset other than UTF-8 (JSON between systems is UTF-8, RFC 8259),
/// and stops reading a chunked body as soon as it passes the limit.
/// </summary>
public static class RequestBody
{
    /// <summary>The body bytes, or the problem result to answer with instead.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, ApiProblems.PayloadTooLarge(limit));
        }

        if (request.ContentLength != 0 && MediaTypeProblem(request.ContentType) is { } problem)
        {
            return (null, problem);
        }

        // Kestrel's own body limit stays at the server's: lowered to this limit, Kestrel could not
        // drain the unread rest of a chunked body after the 413 and reset the connection instead,
        // so the client never saw the answer. A Content-Length body over the limit is drained alike.
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiProblems.PayloadTooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static IResult? MediaTypeProblem(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiProblems.UnsupportedMediaType(contentType);
        }

        var charset = media.Charset.Value?.Trim('"');
        return charset is null or "" || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiProblems.UnsupportedCharset(charset);
    }
}
