using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Handlers;

/// <summary>Writes JSON bodies and Status objects the way kube-apiserver does.</summary>
internal static class Responses
{
    public static async Task Json(HttpContext ctx, int code, JsonNode body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Storage.Json.Compact));
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes);
    }

    public static Task Error(HttpContext ctx, ApiError error)
    {
        if (error.RetryAfterSeconds is { } retry) ctx.Response.Headers.RetryAfter = retry.ToString();
        return Json(ctx, error.Code, error.ToStatus());
    }

    public static ApiError ForCode(int code, string message) => code switch
    {
        400 => new ApiError(400, "BadRequest", message),
        401 => new ApiError(401, "Unauthorized", message),
        403 => new ApiError(403, "Forbidden", message),
        404 => new ApiError(404, "NotFound", message),
        409 => new ApiError(409, "Conflict", message),
        410 => new ApiError(410, "Expired", message),
        422 => new ApiError(422, "Invalid", message),
        429 => new ApiError(429, "TooManyRequests", message) { RetryAfterSeconds = 1 },
        500 => new ApiError(500, "InternalError", message),
        503 => new ApiError(503, "ServiceUnavailable", message) { RetryAfterSeconds = 1 },
        504 => new ApiError(504, "Timeout", message),
        _ => new ApiError(code, "Unknown", message),
    };
}
