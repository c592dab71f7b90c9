using Actors.Contracts.Api;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Reads every cluster with its recent events through the same seam the APIs use. Open pages
/// share one read: a read younger than half the refresh interval is handed to every page that
/// asks, so the Kubernetes API sees about one list per interval however many pages are open.
/// </summary>
public sealed class DashboardClusters(IClusterOperations clusters, IOptions<DashboardOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private Task<IReadOnlyList<DashboardCluster>>? latest;
    private DateTimeOffset latestAt;

    public Task<IReadOnlyList<DashboardCluster>> ReadAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<DashboardCluster>> read;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (latest is null || now - latestAt >= options.Value.RefreshInterval / 2)
            {
                // Not tied to one page's request: a page that closes must not cancel the others' read.
                latest = ReadFreshAsync(CancellationToken.None);
                latestAt = now;
            }

            read = latest;
        }

        return read.WaitAsync(cancellationToken);
    }

    /// <summary>The last <paramref name="count"/> of a timeline that is oldest first, newest first.</summary>
    public static IReadOnlyList<ClusterEventView> Latest(IReadOnlyList<ClusterEventView> timeline, int count) =>
        timeline.Skip(Math.Max(0, timeline.Count - count)).Reverse().ToList();

    private async Task<IReadOnlyList<DashboardCluster>> ReadFreshAsync(CancellationToken cancellationToken)
    {
        var views = await clusters.ListClustersAsync(null, cancellationToken);
        var withEvents = views.Select(async view => new DashboardCluster
        {
            Cluster = view,
            RecentEvents = Latest(await EventsOf(view, cancellationToken), options.Value.EventsPerCluster),
        });
        return await Task.WhenAll(withEvents);
    }

    // A cluster deleted between the list and this read simply has no events to show.
    private async Task<IReadOnlyList<ClusterEventView>> EventsOf(ClusterView view, CancellationToken cancellationToken)
    {
        try
        {
            return await clusters.ListEventsAsync(view.Namespace, view.Name, cancellationToken);
        }
        catch (ClusterNotFoundException)
        {
            return [];
        }
    }
}
