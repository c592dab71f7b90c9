namespace Actors.Silo.Dashboard;

/// <summary>
/// Call durations counted in exponential bins (each bound 2^(1/4) ≈ 1.19 times the previous,
/// from 1 µs to about 2 minutes), so a percentile over any number of calls costs a fixed,
/// small amount of memory. A percentile is reported as the upper bound of its bin: at most
/// 19% above the true value, never below it.
/// </summary>
public sealed class LatencyBins
{
    public const int BinsPerDoubling = 4;
    public const int Count = 27 * BinsPerDoubling + 1;

    private readonly long[] counts = new long[Count];

    public long Total { get; private set; }

    public void Add(double seconds)
    {
        counts[IndexOf(seconds)]++;
        Total++;
    }

    public void Add(LatencyBins other)
    {
        for (var i = 0; i < Count; i++) counts[i] += other.counts[i];
        Total += other.Total;
    }

    public void Clear()
    {
        Array.Clear(counts);
        Total = 0;
    }

    /// <summary>The upper bound of the bin holding the q-quantile (0 &lt; q ≤ 1), in seconds; 0 when empty.</summary>
    public double Quantile(double q)
    {
        if (Total == 0) return 0;
        var rank = (long)Math.Ceiling(q * Total);
        long seen = 0;
        for (var i = 0; i < Count; i++)
        {
            seen += counts[i];
            if (seen >= rank) return UpperBound(i);
        }

        return UpperBound(Count - 1);
    }

    public static double UpperBound(int index) => Math.Pow(2, (double)index / BinsPerDoubling) / 1_000_000;

    public static int IndexOf(double seconds)
    {
        var micros = seconds * 1_000_000;
        if (!(micros > 1)) return 0; // also NaN
        var index = (int)Math.Ceiling(Math.Log2(micros) * BinsPerDoubling - 1e-9);
        return Math.Clamp(index, 0, Count - 1);
    }
}
