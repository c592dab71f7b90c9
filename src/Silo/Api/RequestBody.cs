using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Actors.Silo.Api;

/// <summary>
/// Reads a JSON request body under a size limit. Refuses a declared length over the limit
/// before reading a byte, and stops reading as soon as a chunked body passes it.
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

        if (request.ContentLength != 0 && !IsJson(request.ContentType))
        {
            return (null, ApiProblems.UnsupportedMediaType(request.ContentType));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

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

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
