namespace Actors.Testing;

/// <summary>Where the tests' fake clocks start: a fixed instant, so dates in assertions and output never drift.</summary>
public static class TestTime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
