namespace Actors.Silo.Tests.LeaderElection;

/// <summary>Bounded waits for work that happens on other threads (I/O with the emulator).</summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {Limit.TotalSeconds}s waiting until {what}.");
            await Task.Delay(5);
        }
    }
}
