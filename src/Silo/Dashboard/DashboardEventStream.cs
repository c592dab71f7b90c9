using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The dashboard's live feed as server-sent events. Every refresh interval it reads the
/// clusters and the runtime statistics and sends only what changed: `event: clusters` (a JSON
/// array of <see cref="DashboardCluster"/>), `event: runtime` (a <see cref="RuntimeSnapshot"/>),
/// or `event: problem` when the clusters cannot be read (the feed keeps trying). A quiet
/// stream gets a `: heartbeat` comment so proxies keep it open.
/// </summary>
/// <remarks>
/// Polling the list (rather than one watch per cluster) keeps one code path for clusters that
/// appear, change and disappear; a change shows within one interval. Open pages share each
/// read (see <see cref="DashboardClusters"/>).
/// </remarks>
public sealed class DashboardEventStream(
    DashboardClusters clusters, RuntimeStatisticsListener runtime, TimeSpan interval, TimeSpan heartbeat,
    TimeProvider time, JsonSerializerOptions json, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        string? lastClusters = null, lastRuntime = null, lastProblem = null;
        var lastWrite = time.GetUtcNow();
        try
        {
            // Something is sent at once, so the client knows the stream is open.
            await WriteAsync(response, ": dashboard\n\n", aborted);
            while (true)
            {
                var batch = new StringBuilder();
                try
                {
                    var data = JsonSerializer.Serialize(await clusters.ReadAsync(aborted), json);
                    if (data != lastClusters) batch.Append(Event("clusters", data));
                    lastClusters = data;
                    lastProblem = null;
                }
                catch (Exception e) when (e is not OperationCanceledException || !aborted.IsCancellationRequested)
                {
                    var message = $"Cannot read the clusters: {e.Message}";
                    if (message != lastProblem)
                    {
                        logger.LogWarning(e, "The dashboard cannot read the clusters");
                        batch.Append(Event("problem", JsonSerializer.Serialize(new { message }, json)));
                    }

                    lastProblem = message;
                    lastClusters = null; // send the clusters again once they can be read
                }

                var statistics = JsonSerializer.Serialize(runtime.Snapshot(), json);
                if (statistics != lastRuntime) batch.Append(Event("runtime", statistics));
                lastRuntime = statistics;

                if (batch.Length == 0 && time.GetUtcNow() - lastWrite >= heartbeat) batch.Append(": heartbeat\n\n");
                if (batch.Length > 0)
                {
                    await WriteAsync(response, batch.ToString(), aborted);
                    lastWrite = time.GetUtcNow();
                }

                await Task.Delay(interval, time, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page was closed; nothing left to tell it.
        }
    }

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
