namespace Actors.Silo.Dashboard;

/// <summary>Settings of the built-in dashboard (configuration section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How often the event stream looks for changes; only what changed is sent.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of a cluster's latest events the dashboard shows.</summary>
    public int EventsPerCluster { get; set; } = 12;

    /// <summary>The sliding window of the runtime statistics, in seconds.</summary>
    public int StatisticsWindowSeconds { get; set; } = RuntimeStatistics.DefaultWindowSeconds;
}
