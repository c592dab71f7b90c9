using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Actors.Kubernetes;

/// <summary>
/// A watch that keeps going, over the official client's connection: it reopens after
/// disconnects, idle streams and server timeouts from the last resourceVersion seen (events and
/// bookmarks), relists after 410 Gone (an HTTP 410 or an ERROR event — the library only ends
/// the stream), and backs off exponentially with jitter between failed attempts. An object it
/// cannot decode is reported as <see cref="WatchChangeType.Undecodable"/> and passed over, so
/// one bad object never stalls the stream. Ends only when cancelled or when the server refuses
/// the watch outright (401, 403, 404…).
/// </summary>
public sealed class CollectionWatch<T>(k8s.Kubernetes client, ResourceType type, string? @namespace, WatchOptions options)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly TimeProvider _time = options.TimeProvider;

    /// <summary>When the server last said anything on this watch (an event, a bookmark, an accepted request).</summary>
    public DateTimeOffset? LastContact { get; private set; }

    public async IAsyncEnumerable<WatchChange<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resourceVersion = options.ResourceVersion;
        var failures = 0;
        var relist = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (relist)
            {
                CollectionSnapshot<T>? list = null;
                try
                {
                    list = await CollectionList.ReadAsync<T>(client, type, @namespace, options.LabelSelector, options.FieldSelector,
                        options.RelistPageSize, cancellationToken, options.DropManagedFields).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    failures++;
                }
                if (list is not null)
                {
                    relist = false;
                    failures = 0;
                    resourceVersion = list.ResourceVersion;
                    Touch();
                    yield return new WatchChange<T>(WatchChangeType.Relisted, null, resourceVersion) { Items = list.Items, Skipped = list.Skipped };
                    continue;
                }
            }
            else
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await ApiTransport.GetAsync(client, Request(resourceVersion), cancellationToken).ConfigureAwait(false);
                    Touch();
                }
                catch (Exception e) when (e.IsGone())
                {
                    relist = true;
                    continue;
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    failures++;
                }

                if (response is not null)
                {
                    using (response)
                    {
                        await using var events = ReadAsync(response, cancellationToken).GetAsyncEnumerator(cancellationToken);
                        while (true)
                        {
                            WatchChange<T> next;
                            try
                            {
                                if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                                next = events.Current;
                            }
                            catch (Exception e) when (IsTransient(e, cancellationToken) || e is JsonException)
                            {
                                // A silent stream is reopened at once (quiet collections are normal); a
                                // broken line means a broken stream. Either way resume from the last
                                // resourceVersion; if the server is really gone, the reopen backs off.
                                if (e is not IdleWatchException) failures++;
                                break;
                            }
                            Touch();
                            if (next.Type == WatchChangeType.Error && IsGone(next.Error))
                            {
                                relist = true;
                                break;
                            }
                            if (next.Type == WatchChangeType.Error)
                            {
                                // Shown to the consumer, then the watch is reopened after a backoff.
                                failures++;
                                yield return next;
                                break;
                            }
                            // Undecodable objects move the resourceVersion too: resuming before
                            // them would meet them again, forever.
                            if (!string.IsNullOrEmpty(next.ResourceVersion)) resourceVersion = next.ResourceVersion;
                            failures = 0;
                            yield return next;
                        }
                    }
                }
            }
            if (failures > 0)
                await Task.Delay(options.Backoff.DelayAfter(failures, Random.Shared.NextDouble()), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Touch() => LastContact = _time.GetUtcNow();

    private string Request(string? resourceVersion)
    {
        var seconds = (long)(options.ServerTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        return new QueryString(type.CollectionPath(@namespace))
            .Add("watch", "true")
            .Add("allowWatchBookmarks", options.AllowBookmarks)
            .Add("resourceVersion", resourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", seconds > 0 ? seconds : null)
            .ToString();
    }

    /// <summary>Reads newline-delimited events; a stream silent for the idle timeout is abandoned.</summary>
    private async IAsyncEnumerable<WatchChange<T>> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            idle.CancelAfter(options.IdleTimeout);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IdleWatchException($"Watch of {type} was silent for {options.IdleTimeout}; reopening.");
            }
            if (line is null) yield break;
            idle.CancelAfter(Timeout.InfiniteTimeSpan); // the consumer's time is not the server's silence
            if (line.Length == 0) continue;
            yield return WatchEventDecoder.Decode<T>(line, type, ObjectDecoder.Options(options.DropManagedFields));
        }
    }

    private static bool IsGone(V1Status? status) =>
        status is not null && (status.Code == 410 || status.Reason is "Gone" or "Expired");

    /// <summary>Failures worth retrying: the network, throttling, server errors, idle streams.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or TimeoutException => true,
        _ => e.IsTooManyRequests() || e.IsServerError(),
    };
}

/// <summary>The stream said nothing for the idle timeout.</summary>
internal sealed class IdleWatchException(string message) : TimeoutException(message);

/// <summary>One line of a watch stream: {"type": ..., "object": ...}.</summary>
internal static class WatchEventDecoder
{
    /// <summary>Throws <see cref="JsonException"/> only when the line is not an event at all (a broken stream).</summary>
    public static WatchChange<T> Decode<T>(string line, ResourceType type, JsonSerializerOptions? options = null) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var document = JsonDocument.Parse(line, ObjectDecoder.Documents);
        var root = document.RootElement;
        var typeText = ObjectDecoder.Property(root, "type") is { } t ? ObjectDecoder.Text(t) : null;
        if (ObjectDecoder.Property(root, "object") is not { } body)
            throw new JsonException($"Watch event '{typeText}' has no object.");
        var changeType = typeText switch
        {
            "ADDED" => WatchChangeType.Added,
            "MODIFIED" => WatchChangeType.Modified,
            "DELETED" => WatchChangeType.Deleted,
            "BOOKMARK" => WatchChangeType.Bookmark,
            "ERROR" => WatchChangeType.Error,
            _ => throw new JsonException($"Unknown watch event type '{typeText}'."),
        };
        if (changeType == WatchChangeType.Error)
        {
            V1Status? status = null;
            try { status = KubernetesJson.Deserialize<V1Status>(body); }
            catch (Exception e) when (ObjectDecoder.IsDecodingFailure(e)) { }
            return new WatchChange<T>(changeType, null, null) { Error = status ?? new V1Status { Message = body.GetRawText() } };
        }
        if (changeType == WatchChangeType.Bookmark)
            return new WatchChange<T>(changeType, null, ObjectDecoder.ResourceVersionOf(body));
        if (!ObjectDecoder.TryDecode<T>(body, type, changeType == WatchChangeType.Deleted, out var item, out var skipped, options))
            return new WatchChange<T>(WatchChangeType.Undecodable, null, skipped!.ResourceVersion) { Skipped = [skipped] };
        return new WatchChange<T>(changeType, item, item!.Metadata?.ResourceVersion);
    }
}
