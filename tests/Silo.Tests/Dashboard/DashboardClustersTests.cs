using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.Dashboard;

public sealed class DashboardClustersTests
{
    private readonly FakeTimeProvider time = new(TestTime.Start);
    private readonly FakeClusterOperations operations = new();

    private DashboardClusters Clusters(int eventsPerCluster = 12) =>
        new(operations, Options.Create(new DashboardOptions { RefreshInterval = TimeSpan.FromSeconds(1), EventsPerCluster = eventsPerCluster }), time);

    [Fact]
    public async Task Pages_open_at_the_same_time_share_one_read_of_the_api()
    {
        operations.Add(FakeClusterOperations.Demo());
        var clusters = Clusters();

        await Task.WhenAll(clusters.ReadAsync(CancellationToken.None), clusters.ReadAsync(CancellationToken.None), clusters.ReadAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        await clusters.ReadAsync(CancellationToken.None);

        Assert.Equal(2, operations.Calls.Count(c => c == "List *"));
    }

    [Fact]
    public async Task Only_the_latest_events_are_kept_newest_first()
    {
        operations.Add(FakeClusterOperations.Demo());

        var demo = Assert.Single(await Clusters(eventsPerCluster: 1).ReadAsync(CancellationToken.None));

        Assert.Equal("BrokerNotReady", Assert.Single(demo.RecentEvents).Reason);
    }
}
