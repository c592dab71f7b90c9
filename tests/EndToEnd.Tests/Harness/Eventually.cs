namespace Actors.EndToEnd.Tests.Harness;

/// <summary>Bounded waits for the world to reach a state; they fail with what was expected, never hang.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string expectation, TimeSpan? timeout = null, TimeSpan? poll = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
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
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0}s waiting until {expectation}." + (last is null ? "" : $" Last error: {last.Message}"));
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, expectation, timeout);

    /// <summary>An in-memory probe (the pod timeline): polled often, so a short-lived state is not missed.</summary>
    public static Task UntilAsync(Func<bool> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync<object>(() => Task.FromResult(probe() ? new object() : null), expectation, timeout, TimeSpan.FromMilliseconds(5));
}
