using Actors.Contracts.Api;

namespace Actors.Silo.Dashboard;

/// <summary>One cluster on the dashboard: its view and its most recent events, newest first.</summary>
public sealed record DashboardCluster
{
    public required ClusterView Cluster { get; init; }
    public IReadOnlyList<ClusterEventView> RecentEvents { get; init; } = [];
}
