using Actors.Contracts.Api;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>Reads every cluster with its recent events through the same seam the APIs use.</summary>
public sealed class DashboardClusters(IClusterOperations clusters, IOptions<DashboardOptions> options)
{
    public async Task<IReadOnlyList<DashboardCluster>> ReadAsync(CancellationToken cancellationToken)
    {
        var views = await clusters.ListClustersAsync(null, cancellationToken);
        var withEvents = views.Select(async view => new DashboardCluster
        {
            Cluster = view,
            RecentEvents = Latest(await EventsOf(view, cancellationToken), options.Value.EventsPerCluster),
        });
        return await Task.WhenAll(withEvents);
    }

    /// <summary>The last <paramref name="count"/> of a timeline that is oldest first, newest first.</summary>
    public static IReadOnlyList<ClusterEventView> Latest(IReadOnlyList<ClusterEventView> timeline, int count) =>
        timeline.Skip(Math.Max(0, timeline.Count - count)).Reverse().ToList();

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
