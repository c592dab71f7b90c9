namespace Actors.Grains.Rejections;

/// <summary>
/// Exponential back-off for a rejected step: <see cref="Initial"/> after the first refusal,
/// doubling with each further one, never longer than <see cref="Cap"/>.
/// </summary>
public sealed record RetryBackoff(TimeSpan Initial, TimeSpan Cap)
{
    public static readonly RetryBackoff Default = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

    /// <param name="refusals">How many times in a row the step was refused, 1 or more.</param>
    public TimeSpan After(int refusals)
    {
        var delay = Initial;
        for (var i = 1; i < refusals && delay < Cap; i++) delay += delay;
        return delay < Cap ? delay : Cap;
    }
}
