namespace Actors.Runtime;

/// <summary>How a grain timer ticks (Orleans' options of the same name).</summary>
public readonly struct GrainTimerCreationOptions
{
    public GrainTimerCreationOptions() { }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Time until the first tick.</summary>
    public required TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of a tick to the next one; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Ticks may run while another turn is running (default: ticks are ordinary turns).</summary>
    public bool Interleave { get; init; }

    /// <summary>While this timer is live the activation is not collected for being idle.</summary>
    public bool KeepAlive { get; init; }
}
