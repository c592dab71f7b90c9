namespace Actors.Testing;

/// <summary>
/// Waits for the code under test to arm a timer before the test advances the clock past it.
/// Bounded by the wall clock, so a timer that is never armed fails the test instead of hanging it.
/// </summary>
public static class TimerWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Completes once a timer is armed to fire exactly <paramref name="delay"/> from now.</summary>
    public static Task WaitForTimerAsync(this WatchedTimeProvider clock, TimeSpan delay) =>
        clock.WaitUntilAsync(c => c.PendingDelays.Contains(delay), $"a timer due in {delay}");

    /// <summary>Completes once some timer is armed whose delay from now satisfies <paramref name="match"/>.</summary>
    public static Task WaitForTimerAsync(this WatchedTimeProvider clock, Func<TimeSpan, bool> match) =>
        clock.WaitUntilAsync(c => c.PendingDelays.Any(match), "a timer with the expected delay");

    /// <summary>Completes once at least <paramref name="count"/> timers are armed.</summary>
    public static Task WaitForTimersAsync(this WatchedTimeProvider clock, int count = 1) =>
        clock.WaitUntilAsync(c => c.ActiveTimers >= count, $"{count} armed timer(s)");

    private static async Task WaitUntilAsync(this WatchedTimeProvider clock, Func<WatchedTimeProvider, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            var next = clock.NextChange;
            if (condition(clock)) return;
            try
            {
                await next.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} was armed within {Patience.TotalSeconds:0}s; armed: {string.Join(", ", clock.PendingDelays)}.");
            }
        }
    }
}
