using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Actors.Kubernetes;

/// <summary>
/// A watch that keeps going: it reopens after disconnects, idle streams and server timeouts
/// from the last resourceVersion seen (events and bookmarks), relists after 410 Gone, and
/// backs off exponentially with jitter between failed attempts. Ends only when cancelled or
/// when the server refuses the watch outright (401, 403, 404…).
/// </summary>
internal sealed class Watcher<T>(ResourceClient<T> resource, string? @namespace, WatchOptions options)
    where T : class, IKubernetesObject
{
    private readonly TimeProvider _time = resource.Client.Configuration.TimeProvider;
    private readonly TimeSpan _idleTimeout = options.IdleTimeout ?? resource.Client.Configuration.WatchIdleTimeout;

    public async IAsyncEnumerable<WatchEvent<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resourceVersion = options.ResourceVersion;
        var failures = 0;
        var relist = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (relist)
            {
                KubernetesList<T>? list = null;
                try
                {
                    list = await resource.ListAllAsync(@namespace, new ListOptions
                    {
                        LabelSelector = options.LabelSelector,
                        FieldSelector = options.FieldSelector,
                        Limit = options.RelistPageSize,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    failures++;
                }
                if (list is not null)
                {
                    relist = false;
                    failures = 0;
                    resourceVersion = list.Metadata.ResourceVersion;
                    yield return new WatchEvent<T>(WatchEventType.Relisted, null, resourceVersion) { Items = list.Items };
                    continue;
                }
            }
            else
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await resource.Client.OpenStreamAsync(Request(resourceVersion), cancellationToken).ConfigureAwait(false);
                }
                catch (KubernetesApiException e) when (e.IsGone)
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
                            WatchEvent<T> next;
                            try
                            {
                                if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                                next = events.Current;
                            }
                            catch (Exception e) when (IsTransient(e, cancellationToken) || e is JsonException)
                            {
                                // A silent stream is reopened at once (quiet collections are normal);
                                // if the server is really gone, the reopen fails and backs off.
                                if (e is not IdleWatchException) failures++;
                                break;
                            }
                            if (next.Type == WatchEventType.Error && IsGone(next.Error))
                            {
                                relist = true;
                                break;
                            }
                            if (next.Type == WatchEventType.Error)
                            {
                                // Shown to the consumer, then the watch is reopened after a backoff.
                                failures++;
                                yield return next;
                                break;
                            }
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

    private KubernetesRequest Request(string? resourceVersion)
    {
        var seconds = (long)(options.ServerTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var query = new QueryBuilder(resource.Type.CollectionPath(@namespace))
            .Add("watch", "true")
            .Add("allowWatchBookmarks", options.AllowBookmarks)
            .Add("resourceVersion", resourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", seconds > 0 ? seconds : null);
        return new KubernetesRequest(HttpMethod.Get, query.ToString()) { IsWatch = true };
    }

    /// <summary>Reads newline-delimited events; a stream silent for the idle timeout is abandoned.</summary>
    private async IAsyncEnumerable<WatchEvent<T>> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            idle.CancelAfter(_idleTimeout);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IdleWatchException($"Watch of {resource.Type} was silent for {_idleTimeout}; reopening.");
            }
            if (line is null) yield break;
            idle.CancelAfter(Timeout.InfiniteTimeSpan); // the consumer's time is not the server's silence
            if (line.Length == 0) continue;
            yield return WatchEventParser.Parse<T>(line);
        }
    }

    private static bool IsGone(Status? status) =>
        status is not null && (status.Code == 410 || status.Reason is StatusReasons.Gone or StatusReasons.Expired);

    /// <summary>Failures worth retrying: the network, throttling, server errors, idle streams.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        KubernetesApiException api => api.IsTooManyRequests || api.IsServerError,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };
}

/// <summary>The stream said nothing for the idle timeout.</summary>
internal sealed class IdleWatchException(string message) : TimeoutException(message);

internal static class WatchEventParser
{
    public static WatchEvent<T> Parse<T>(string line) where T : class, IKubernetesObject
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var typeText = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (!root.TryGetProperty("object", out var body))
            throw new JsonException($"Watch event '{typeText}' has no object.");
        var type = typeText switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new JsonException($"Unknown watch event type '{typeText}'."),
        };
        if (type == WatchEventType.Error)
            return new WatchEvent<T>(type, null, null) { Error = body.Deserialize<Status>(KubernetesJson.Options) };
        var item = body.Deserialize<T>(KubernetesJson.Options) ?? throw new JsonException($"Watch event '{typeText}' has a null object.");
        return new WatchEvent<T>(type, item, item.Metadata?.ResourceVersion);
    }
}
