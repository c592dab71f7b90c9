namespace Actors.Runtime.Tests;

public static class Guard
{
    /// <summary>
    /// Real time allowed for an awaited event before the test fails instead of hanging. Never
    /// part of what a test asserts: the behaviour is driven by the manual clock.
    /// </summary>
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(20);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Time);
    public static Task Within(this Task task) => task.WaitAsync(Time);
}
