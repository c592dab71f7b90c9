using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kubernetes.Tests;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new(TestTime.Start);

    [Fact]
    public void A_burst_passes_at_once_and_then_each_request_waits_its_share_of_a_second()
    {
        var bucket = new TokenBucket(qps: 2, burst: 3, _clock);

        var waits = Enumerable.Range(0, 5).Select(_ => bucket.Reserve()).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public void Tokens_refill_with_time_but_never_beyond_the_burst()
    {
        var bucket = new TokenBucket(qps: 10, burst: 2, _clock);
        bucket.Reserve();
        bucket.Reserve();

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(0.1), bucket.Reserve());
    }

    [Fact]
    public void A_zero_rate_means_no_limit()
    {
        var bucket = new TokenBucket(qps: 0, burst: 0, _clock);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(TimeSpan.Zero, bucket.Reserve()));
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_token_back()
    {
        var bucket = new TokenBucket(qps: 1, burst: 1, _clock);
        bucket.Reserve();
        using var cancel = new CancellationTokenSource();

        var wait = bucket.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve());
    }
}

public sealed class ClientRateLimitTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Requests_beyond_the_burst_wait_for_the_limiter_before_reaching_the_server()
    {
        var clock = new WatchedTimeProvider();
        using var client = _cluster.Client(clock, p => p with { Qps = 1, Burst = 1 });
        _cluster.Server.ThenJson(200, Json.Pod("p", "1")).ThenJson(200, Json.Pod("p", "2"));

        await client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        var second = client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Single(_cluster.Server.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second;

        Assert.Equal(2, _cluster.Server.Requests.Count);
    }
}
