namespace Actors.EndToEnd.Tests.Rejections;

/// <summary>
/// The real clock plus an offset the test moves forward: the operator's timers keep running in
/// real time (start-up proceeds), while a back-off of minutes is crossed at once by
/// <see cref="Advance"/>, so retries are counted over simulated time, never measured.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
