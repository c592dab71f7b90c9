using System.Text;
using System.Text.Json;
using Actors.Contracts.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Silo.Api;

/// <summary>
/// A watch as server-sent events: `event: cluster` with one `data:` line of ClusterView JSON
/// per change, and a `: heartbeat` comment whenever the stream has been quiet for the
/// heartbeat period, so proxies and load balancers keep an idle stream open.
/// </summary>
public sealed class ClusterWatchStream : IResult, IAsyncDisposable
{
    private readonly IAsyncEnumerator<ClusterView> changes;
    private readonly TimeSpan heartbeat;
    private readonly TimeProvider time;
    private readonly JsonSerializerOptions json;
    private readonly CancellationTokenSource ends;
    private Task<bool>? pending;

    private ClusterWatchStream(IAsyncEnumerator<ClusterView> changes, CancellationTokenSource ends, TimeSpan heartbeat, TimeProvider time, JsonSerializerOptions json)
    {
        this.changes = changes;
        this.ends = ends;
        this.heartbeat = heartbeat;
        this.time = time;
        this.json = json;
    }

    /// <summary>
    /// Waits for the first view before any byte is sent, so a missing cluster is still answered
    /// with a proper 404 instead of an event stream that ends at once. The stream ends when
    /// the client leaves or the operator shuts down (<paramref name="stopping"/>), so a
    /// shutdown never waits on open watches; clients reconnect.
    /// </summary>
    public static async Task<IResult> OpenAsync(
        Func<CancellationToken, IAsyncEnumerable<ClusterView>> watch, TimeSpan heartbeat, TimeProvider time, JsonSerializerOptions json,
        CancellationToken requestAborted, CancellationToken stopping)
    {
        var ends = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var changes = watch(ends.Token).GetAsyncEnumerator(ends.Token);
        try
        {
            if (!await changes.MoveNextAsync())
            {
                await changes.DisposeAsync();
                ends.Dispose();
                return TypedResults.NoContent();
            }
        }
        catch
        {
            await changes.DisposeAsync();
            ends.Dispose();
            throw;
        }

        return new ClusterWatchStream(changes, ends, heartbeat, time, json);
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        await using var _ = this;
        var response = context.Response;
        var aborted = ends.Token;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        try
        {
            await WriteAsync(response, Event(changes.Current), aborted);
            var next = pending = changes.MoveNextAsync().AsTask();
            while (true)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                var tick = Task.Delay(heartbeat, time, quiet.Token);
                var first = await Task.WhenAny(next, tick);
                if (first == tick)
                {
                    await tick; // surfaces a client abort as cancellation
                    await WriteAsync(response, ": heartbeat\n\n", aborted);
                    continue;
                }

                quiet.Cancel();
                if (!await next)
                {
                    return; // the cluster was deleted: the stream ends
                }

                await WriteAsync(response, Event(changes.Current), aborted);
                next = pending = changes.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away, or the operator is stopping: the stream just ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // An async iterator cannot be disposed while a MoveNextAsync is in flight; the
        // request's abort token passed to the watch ends that call.
        if (pending is { IsCompleted: false })
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // The stream is over either way.
            }
        }

        await changes.DisposeAsync();
        ends.Dispose();
    }

    private string Event(ClusterView view) => $"event: cluster\ndata: {JsonSerializer.Serialize(view, json)}\n\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
