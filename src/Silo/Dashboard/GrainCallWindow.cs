namespace Actors.Silo.Dashboard;

/// <summary>
/// The calls of one grain method over a sliding window of whole seconds: a ring of one-second
/// slots, each forgotten when its second falls out of the window. Lifetime totals are kept
/// beside it. Not thread-safe: <see cref="RuntimeStatistics"/> guards it. Pure: time is passed in.
/// </summary>
public sealed class GrainCallWindow(int seconds)
{
    private readonly Slot[] slots = Enumerable.Range(0, seconds).Select(_ => new Slot()).ToArray();

    public long TotalCalls { get; private set; }
    public long TotalErrors { get; private set; }

    /// <summary>A completed call (grain_calls_total), ok or failed.</summary>
    public void RecordCall(long second, bool failed)
    {
        var slot = SlotOf(second);
        slot.Calls++;
        TotalCalls++;
        if (!failed) return;
        slot.Errors++;
        TotalErrors++;
    }

    /// <summary>A call's duration (grain_call_duration_seconds).</summary>
    public void RecordDuration(long second, double duration)
    {
        var slot = SlotOf(second);
        slot.DurationSum += duration;
        slot.Durations.Add(duration);
    }

    /// <summary>The window ending with <paramref name="second"/>; rates are over <paramref name="observedSeconds"/> when the collector is younger than the window.</summary>
    public GrainMethodStatistics Summarize(string grainType, string method, long second, double observedSeconds)
    {
        long calls = 0, errors = 0;
        double durationSum = 0;
        var durations = new LatencyBins();
        foreach (var slot in slots)
        {
            if (slot.Second <= second - slots.Length || slot.Second > second) continue;
            calls += slot.Calls;
            errors += slot.Errors;
            durationSum += slot.DurationSum;
            durations.Add(slot.Durations);
        }

        var span = Math.Clamp(observedSeconds, 1, slots.Length);
        return new GrainMethodStatistics
        {
            GrainType = grainType,
            Method = method,
            Calls = calls,
            Errors = errors,
            CallsPerSecond = calls / span,
            AverageMilliseconds = durations.Total == 0 ? 0 : durationSum / durations.Total * 1000,
            P99Milliseconds = durations.Quantile(0.99) * 1000,
            TotalCalls = TotalCalls,
            TotalErrors = TotalErrors,
        };
    }

    private Slot SlotOf(long second)
    {
        var slot = slots[(int)(((second % slots.Length) + slots.Length) % slots.Length)];
        if (slot.Second != second)
        {
            slot.Second = second;
            slot.Calls = slot.Errors = 0;
            slot.DurationSum = 0;
            slot.Durations.Clear();
        }

        return slot;
    }

    private sealed class Slot
    {
        public long Second = long.MinValue;
        public long Calls;
        public long Errors;
        public double DurationSum;
        public readonly LatencyBins Durations = new();
    }
}
