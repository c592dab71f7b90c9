namespace Actors.Operator.Bench;

/// <summary>Nearest-rank percentiles of a small sample, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0) return new Percentiles(0, double.NaN, double.NaN, double.NaN);
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.95), sorted[^1]);
    }

    public override string ToString() => Count == 0 ? "n/a" : $"p50 {P50,7:0} ms  p95 {P95,7:0} ms  max {Max,7:0} ms  (n={Count})";
}
