namespace Actors.Kubernetes;

/// <summary>
/// Delay before reopening a failed watch: exponential from <see cref="Initial"/>, capped at
/// <see cref="Max"/>, with up to <see cref="Jitter"/> of it added at random so many watchers
/// do not reconnect in lock-step. Reset after a stream delivers an event.
/// </summary>
public sealed record WatchBackoff(TimeSpan Initial, TimeSpan Max, double Jitter = 0.2)
{
    public static WatchBackoff Default { get; } = new(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30));

    /// <summary>The delay after <paramref name="failures"/> consecutive failures (1 = first), given a random sample in [0,1).</summary>
    public TimeSpan DelayAfter(int failures, double random)
    {
        if (failures <= 0 || Initial <= TimeSpan.Zero) return TimeSpan.Zero;
        var exponent = Math.Min(failures - 1, 30);
        var baseTicks = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, exponent));
        var withJitter = baseTicks * (1 + Jitter * Math.Clamp(random, 0, 1));
        return TimeSpan.FromTicks((long)Math.Min(withJitter, Max.Ticks * (1 + Jitter)));
    }
}
