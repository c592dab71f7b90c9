using Actors.Grains.Rejections;

namespace Actors.Grains.Tests.Rejections;

public class RetryBackoffTests
{
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

    [Fact]
    public void Each_refusal_doubles_the_wait_up_to_the_cap()
    {
        var waits = Enumerable.Range(1, 8).Select(n => Backoff.After(n).TotalSeconds).ToArray();

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60], waits);
    }

    [Fact]
    public void Many_refusals_never_overflow_past_the_cap() =>
        Assert.Equal(TimeSpan.FromSeconds(60), Backoff.After(10_000));
}
