using Actors.Silo.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.Dashboard;

public sealed class LatencyBinsTests
{
    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        Assert.Equal(0, new LatencyBins().Quantile(0.99));
    }

    [SeededProperty]
    public Property A_quantile_is_never_below_the_true_value_and_at_most_one_bin_above_it()
    {
        var durations = Gen.Choose(1, 50_000_000).Select(micros => micros / 1_000_000.0).NonEmptyListOf();
        return Prop.ForAll(durations.ToArbitrary(), list =>
        {
            var bins = new LatencyBins();
            foreach (var d in list) bins.Add(d);
            var sorted = list.Order().ToList();
            var truth = sorted[(int)Math.Ceiling(0.99 * sorted.Count) - 1];
            var reported = bins.Quantile(0.99);
            return reported >= truth * (1 - 1e-9) && reported <= truth * Math.Pow(2, 1.0 / LatencyBins.BinsPerDoubling) * (1 + 1e-9);
        });
    }

    [Fact]
    public void Durations_beyond_the_last_bin_land_in_it()
    {
        var bins = new LatencyBins();
        bins.Add(3600);
        bins.Add(double.NaN);

        Assert.Equal(2, bins.Total);
        Assert.Equal(LatencyBins.UpperBound(LatencyBins.Count - 1), bins.Quantile(1));
    }
}
