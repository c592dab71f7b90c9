using System.Text;
using System.Text.Json;
using Actors.Contracts.Api;
using Actors.Silo.Dashboard;
using Actors.Silo.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>The feed when the Kubernetes API cannot be read, driven on a bare HttpContext and a manual clock.</summary>
public sealed class DashboardProblemTests
{
    private readonly WatchedTimeProvider time = new();
    private readonly FakeClusterOperations clusters = new();
    private readonly FailingList failing;

    public DashboardProblemTests() => failing = new FailingList(clusters);

    [Fact]
    public async Task A_failed_read_is_reported_once_and_the_clusters_are_sent_again_when_it_recovers()
    {
        clusters.Add(FakeClusterOperations.Demo());
        failing.Failure = new HttpRequestException("Connection refused (127.0.0.1:6443)");
        var (context, body) = Context();
        // Meters of its own: other tests in the process run real Orleans silos whose activations would change the runtime snapshot.
        using var listener = new RuntimeStatisticsListener(new RuntimeStatistics(time), $"Actors.Test.{Guid.NewGuid():N}", $"Orleans.Test.{Guid.NewGuid():N}");
        var stream = new DashboardEventStream(
            new DashboardClusters(failing, Options.Create(new DashboardOptions()), time), listener,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), time, JsonSerializerOptions.Web, NullLogger.Instance);
        using var close = new CancellationTokenSource();
        context.RequestAborted = close.Token;

        var running = stream.ExecuteAsync(context);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromSeconds(1)); // still failing: nothing new to say
        await time.WaitForTimersAsync();
        failing.Failure = null;
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimersAsync();
        await close.CancelAsync();
        await running;

        var events = Encoding.UTF8.GetString(body.ToArray()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n')[0]).Where(line => line.StartsWith("event:")).ToList();
        Assert.Equal(["event: problem", "event: runtime", "event: clusters"], events);
        Assert.Contains("Connection refused", Encoding.UTF8.GetString(body.ToArray()));
    }

    private static (HttpContext Context, MemoryStream Body) Context()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return (context, body);
    }

    /// <summary>Lists fail while <see cref="Failure"/> is set; everything else goes to the fake.</summary>
    private sealed class FailingList(FakeClusterOperations inner) : IClusterOperations
    {
        public Exception? Failure { get; set; }

        public Task<IReadOnlyList<ClusterView>> ListClustersAsync(string? ns, CancellationToken cancellationToken) =>
            Failure is { } failure ? Task.FromException<IReadOnlyList<ClusterView>>(failure) : inner.ListClustersAsync(ns, cancellationToken);

        public Task<ClusterView> GetClusterAsync(string ns, string name, CancellationToken cancellationToken) => inner.GetClusterAsync(ns, name, cancellationToken);
        public Task<ClusterView> ScaleBrokersAsync(string ns, string name, int brokers, CancellationToken cancellationToken) => inner.ScaleBrokersAsync(ns, name, brokers, cancellationToken);
        public Task<ClusterView> RequestRollingRestartAsync(string ns, string name, CancellationToken cancellationToken) => inner.RequestRollingRestartAsync(ns, name, cancellationToken);
        public Task<ClusterView> PauseAsync(string ns, string name, CancellationToken cancellationToken) => inner.PauseAsync(ns, name, cancellationToken);
        public Task<ClusterView> ResumeAsync(string ns, string name, CancellationToken cancellationToken) => inner.ResumeAsync(ns, name, cancellationToken);
        public Task<IReadOnlyList<ClusterEventView>> ListEventsAsync(string ns, string name, CancellationToken cancellationToken) => inner.ListEventsAsync(ns, name, cancellationToken);
        public IAsyncEnumerable<ClusterView> WatchClusterAsync(string ns, string name, CancellationToken cancellationToken) => inner.WatchClusterAsync(ns, name, cancellationToken);
    }
}
