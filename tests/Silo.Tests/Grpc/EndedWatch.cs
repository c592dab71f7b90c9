using Actors.Silo.Tests.Fakes;

namespace Actors.Silo.Tests.Grpc;

public static class EndedWatch
{
    /// <summary>
    /// Waits until the operator's watch of <paramref name="cluster"/> ("ns/name") has ended. The
    /// server notices a client that left on its own schedule; bounded, so a leaked watch fails.
    /// </summary>
    public static async Task WatchEndedAsync(this FakeClusterOperations clusters, string cluster)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!clusters.EndedWatches.Contains(cluster))
        {
            Assert.False(limit.IsCancellationRequested, $"the server still watches {cluster} 30 s after the client left");
            await Task.Delay(10);
        }
    }
}
