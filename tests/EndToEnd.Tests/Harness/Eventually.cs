namespace Actors.EndToEnd.Tests.Harness;

/// <summary>Bounded waits for the world to reach a state; they fail with what was expected, never hang.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string expectation, TimeSpan? timeout = null) where T : class
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
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, expectation, timeout);

    public static Task UntilAsync(Func<bool> probe, string expectation, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), expectation, timeout);
}
