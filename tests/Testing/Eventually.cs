namespace Actors.Testing;

/// <summary>
/// Bounded waits for work on other threads or processes to reach a state; they fail with what was
/// expected, never hang. The wall clock bounds the wait only: what a test asserts is the state.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string expectation, TimeSpan? timeout = null, TimeSpan? poll = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? Limit);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {(timeout ?? Limit).TotalSeconds:0}s waiting until {expectation}." + (last is null ? "" : $" Last error: {last.Message}"));
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, expectation, timeout);

    /// <summary>An in-memory probe (a pod timeline, a flag): polled often, so a short-lived state is not missed.</summary>
    public static Task UntilAsync(Func<bool> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync<object>(() => Task.FromResult(probe() ? new object() : null), expectation, timeout, TimeSpan.FromMilliseconds(5));
}
