namespace Actors.GrainRuntime.Tests.Support;

public static class Guard
{
    /// <summary>
    /// Real time an awaited event may take before the test fails instead of hanging. Never what a
    /// test asserts: behaviour is driven by the fake clock and by gates the test opens.
    /// </summary>
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(20);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Time);
    public static Task Within(this Task task) => task.WaitAsync(Time);
}
