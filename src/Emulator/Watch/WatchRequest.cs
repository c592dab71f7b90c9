using Actors.Emulator.Handlers;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Watch;

/// <summary>A watch's parameters: where it starts, bookmarks, its server-side timeout.</summary>
internal sealed record WatchRequest(long? AfterRevision, bool Bookmarks, TimeSpan? Timeout, bool SendInitialEvents)
{
    public static WatchRequest From(HttpRequest request)
    {
        var q = request.Query;
        var rv = q["resourceVersion"].ToString();
        long? after = null;
        if (rv.Length > 0 && rv != "0")
        {
            if (!long.TryParse(rv, out var parsed)) throw ApiError.BadRequest($"invalid resource version: \"{rv}\"");
            after = parsed;
        }
        var initial = q["sendInitialEvents"] == "true";
        if (initial) after = null;
        TimeSpan? timeout = long.TryParse(q["timeoutSeconds"], out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        return new WatchRequest(after, q["allowWatchBookmarks"] == "true", timeout, initial);
    }
}
