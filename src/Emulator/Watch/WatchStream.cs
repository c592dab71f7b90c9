using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Actors.Emulator.Watch;

/// <summary>
/// Serves one watch as newline-delimited JSON events over a chunked response. Starts with ADDED
/// events for the current objects (no resourceVersion) or replays history after the given one
/// (410 as an ERROR event when it is compacted), then streams live events until the server-side
/// timeout, the client leaving, or a fault closing all watches. Selectors apply to both the old
/// and new object, so an object that stops matching is seen as DELETED, one that starts as ADDED.
/// </summary>
internal sealed class WatchStream(ObjectStore store, TimeProvider time, EmulatorOptions options)
{
    public async Task Serve(HttpContext ctx, ResourceType type, string? ns, ListQuery filter, WatchRequest request,
        Func<JsonObject, JsonNode> present)
    {
        var response = ctx.Response;
        var start = store.Subscribe(type.StorageKey, ns, request.AfterRevision);
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (start is null)
        {
            await Write(response, "ERROR", ApiError.Gone($"too old resource version: {request.AfterRevision} ({store.CompactedRevision + 1})").ToStatus());
            return;
        }
        var (subscription, current, replay) = start.Value;
        using var subscriptionScope = subscription;
        var timeout = request.Timeout ?? options.WatchTimeout * (1 + Random.Shared.NextDouble());
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, subscription.Closed, timeoutSource.Token);
        bool Matches(JsonObject? o) => o is not null && (ns is null || o.Namespace() == ns) && filter.Matches(o);
        var lastRevision = subscription.StartRevision;
        try
        {
            await response.StartAsync(stop.Token);
            foreach (var o in current ?? [])
                if (Matches(o)) await Write(response, "ADDED", present(o));
            if (request.SendInitialEvents)
                await Write(response, "BOOKMARK", Bookmark(type, subscription.StartRevision, initialEventsEnd: true));
            foreach (var e in replay)
                await Deliver(e);
            await response.Body.FlushAsync(stop.Token);

            Task? bookmark = null;
            var reader = subscription.Channel.Reader;
            while (!stop.IsCancellationRequested)
            {
                bookmark ??= request.Bookmarks ? Task.Delay(options.BookmarkInterval, time, stop.Token) : null;
                var read = reader.WaitToReadAsync(stop.Token).AsTask();
                if (bookmark is null) await read; else await Task.WhenAny(read, bookmark);
                if (stop.IsCancellationRequested) break;
                while (reader.TryRead(out var e)) await Deliver(e);
                if (bookmark is { IsCompleted: true })
                {
                    bookmark = null;
                    lock (store.Gate)
                        if (!reader.TryPeek(out _)) lastRevision = Math.Max(lastRevision, store.Revision);
                    await Write(response, "BOOKMARK", Bookmark(type, lastRevision));
                }
                await response.Body.FlushAsync(stop.Token);
                if (read.IsCompleted && !read.Result) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (InvalidOperationException) when (ctx.RequestAborted.IsCancellationRequested) { }

        async Task Deliver(StoredEvent e)
        {
            lastRevision = e.Revision;
            var was = e.Type != "ADDED" && Matches(e.Previous);
            var isNow = Matches(e.Object);
            var kind = e.Type switch
            {
                "DELETED" => was || isNow ? "DELETED" : null,
                _ when was && isNow => "MODIFIED",
                _ when isNow => "ADDED",
                _ when was => "DELETED",
                _ => null,
            };
            if (kind is not null) await Write(response, kind, present(e.Object));
        }
    }

    static JsonObject Bookmark(ResourceType type, long revision, bool initialEventsEnd = false)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString() };
        if (initialEventsEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion, ["metadata"] = meta };
    }

    static async Task Write(HttpResponse response, string type, JsonNode obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString(Json.Compact) + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line));
    }
}
